using System.Text.Json;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Schema;
using Planner.Scenarios.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Tests.Schema;

/// <summary>
/// The JSON Schema of scenarios (scenarios/planner.schema.json) is generated from the readers: it
/// is the checked-in file, it holds every key the bundled scenarios and the documented example use,
/// every key it holds is one a reader accepts there, and every bundled scenario points editors at it.
/// </summary>
public sealed class ScenarioSchemaTests
{
    private static readonly string Scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");

    private static readonly Lazy<Catalog> RepositoryCatalog = new(() => CatalogLoader.Load(Path.Combine(Scenarios, "catalog")).Catalog!);

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> Keys = new(() => ScenarioSchema.KeysByPath(RepositoryCatalog.Value));

    public static TheoryData<string> BundledScenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Scenarios, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void The_checked_in_schema_is_the_generated_one()
    {
        string generated = ScenarioSchema.Generate(RepositoryCatalog.Value);
        string checkedIn = File.ReadAllText(Path.Combine(Scenarios, ScenarioSchema.FileName)).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(generated == checkedIn, "scenarios/planner.schema.json is out of date: run `planner schema > scenarios/planner.schema.json`");
    }

    [Fact]
    public void Catalog_ids_are_enums_and_mappings_are_closed()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioSchema.Generate(RepositoryCatalog.Value));
        JsonElement option = schema.RootElement.GetProperty("properties").GetProperty("options").GetProperty("items");
        Assert.False(option.GetProperty("additionalProperties").GetBoolean());
        JsonElement pricingCatalog = option.GetProperty("properties").GetProperty("pricing").GetProperty("properties").GetProperty("catalog");
        Assert.Equal(RepositoryCatalog.Value.GpuPrices.Keys.Order(StringComparer.Ordinal),
            pricingCatalog.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        // An option's model is an id (self-hosted) or free text (an API's model name), or a mapping.
        string[] modelForms = [.. option.GetProperty("properties").GetProperty("model").GetProperty("anyOf").EnumerateArray()
            .Select(f => f.GetProperty("type").GetString() + (f.TryGetProperty("enum", out JsonElement e) ? $"({e.GetArrayLength()})" : ""))];
        Assert.Equal(["object", "string", $"string({RepositoryCatalog.Value.Models.Count})"], modelForms);
        JsonElement kind = option.GetProperty("properties").GetProperty("kind");
        Assert.Equal(["api", "hybrid", "self_hosted"], kind.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Every_key_says_what_kind_of_value_it_takes()
    {
        // A key the readers only asked about (Has) and never read in any probe came out as {}, which
        // lets any value through an editor: gpu_option_costs.fixed_costs[].monthly_usd did.
        using JsonDocument schema = JsonDocument.Parse(ScenarioSchema.Generate(RepositoryCatalog.Value));
        var untyped = new List<string>();
        Walk(schema.RootElement, "", untyped);
        Assert.Empty(untyped);

        static void Walk(JsonElement node, string path, List<string> untyped)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (node.TryGetProperty("properties", out JsonElement properties))
            {
                foreach (JsonProperty p in properties.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Object && !p.Value.EnumerateObject().Any())
                    {
                        untyped.Add($"{path}.{p.Name}");
                    }
                    Walk(p.Value, $"{path}.{p.Name}", untyped);
                }
            }
            foreach (string child in new[] { "items", "additionalProperties" })
            {
                if (node.TryGetProperty(child, out JsonElement c))
                {
                    Walk(c, $"{path}[]", untyped);
                }
            }
            foreach (string list in new[] { "anyOf", "oneOf" })
            {
                if (node.TryGetProperty(list, out JsonElement forms))
                {
                    foreach (JsonElement f in forms.EnumerateArray())
                    {
                        Walk(f, path, untyped);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Every_bundled_scenario_points_at_the_schema_and_uses_only_its_keys(string fileName)
    {
        string text = File.ReadAllText(Path.Combine(Scenarios, fileName));

        Assert.True(text.StartsWith(ScenarioSchema.Modeline + "\n", StringComparison.Ordinal),
            $"{fileName}: the first line should be '{ScenarioSchema.Modeline}', so editors check it against the schema");
        Assert.Empty(KeysOutsideTheSchema(text));
    }

    [Fact]
    public void The_documented_example_uses_only_the_schemas_keys()
    {
        string readme = File.ReadAllText(Path.Combine(Scenarios, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;

        Assert.Empty(KeysOutsideTheSchema(readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)]));
    }

    /// <summary>
    /// Every key the schema holds is accepted where it holds it: added to the mappings of the probe
    /// scenarios the schema was generated from, each key is taken without "unknown key" by at least
    /// one of them. (The schema lists a place's keys for all its variants together: `tokens` belongs
    /// to a fixed token distribution, `median` to a lognormal one, both under `input_tokens`.)
    /// </summary>
    [Fact]
    public void Every_key_in_the_schema_is_accepted_by_the_readers()
    {
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string text) in ScenarioSchema.Probes())
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            foreach ((string path, YamlMappingNode mapping) in Mappings(stream.Documents[0].RootNode, ""))
            {
                string normalized = ShapeExamples.Normalize(path);
                if (!Keys.Value.TryGetValue(normalized, out IReadOnlySet<string>? keys))
                {
                    continue;
                }
                foreach (string key in keys)
                {
                    string place = normalized.Length == 0 ? key : $"{normalized}.{key}";
                    if (mapping.Children.ContainsKey(new YamlScalarNode(key)))
                    {
                        accepted.Add(place);
                        continue;
                    }
                    if (accepted.Contains(place))
                    {
                        continue;
                    }
                    var added = new YamlScalarNode(key);
                    mapping.Children[added] = new YamlScalarNode("0");
                    var writer = new StringWriter();
                    stream.Save(writer, assignAnchors: false);
                    mapping.Children.Remove(added);
                    string full = path.Length == 0 ? key : $"{path}.{key}";
                    ScenarioLoadResult result = ScenarioLoader.Load(writer.ToString(), name, Scenarios, RepositoryCatalog.Value);
                    if (result.Diagnostics.FirstOrDefault(d => d.Message == $"unknown key '{full}'") is { } unknown)
                    {
                        refusals[place] = unknown.ToString();
                    }
                    else
                    {
                        accepted.Add(place);
                    }
                }
            }
        }
        string[] neverAccepted = [.. refusals.Keys.Where(k => !accepted.Contains(k)).Select(k => $"the schema has '{k}', no reader takes it: {refusals[k]}")];
        Assert.True(accepted.Count > 200, $"only {accepted.Count} keys accepted");
        Assert.True(neverAccepted.Length == 0, string.Join("\n", neverAccepted));
        Assert.Equal(Keys.Value.Sum(k => k.Value.Count), accepted.Count);
    }

    /// <summary>"path.key" for each key of each mapping in the document that the schema does not hold at that path.</summary>
    private static List<string> KeysOutsideTheSchema(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var outside = new List<string>();
        foreach ((string path, YamlMappingNode mapping) in Mappings(stream.Documents[0].RootNode, ""))
        {
            Keys.Value.TryGetValue(ShapeExamples.Normalize(path), out IReadOnlySet<string>? keys);
            foreach (string key in mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => k != "<<"))
            {
                if (keys is null || !keys.Contains(key))
                {
                    outside.Add(path.Length == 0 ? key : $"{path}.{key}");
                }
            }
        }
        return outside;
    }

    private static IEnumerable<(string Path, YamlMappingNode Mapping)> Mappings(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            yield return (path, mapping);
            foreach ((YamlNode key, YamlNode value) in mapping.Children.ToList())
            {
                string name = ((YamlScalarNode)key).Value!;
                foreach (var inner in Mappings(value, path.Length == 0 ? name : $"{path}.{name}"))
                {
                    yield return inner;
                }
            }
        }
        else if (node is YamlSequenceNode list)
        {
            for (int i = 0; i < list.Children.Count; i++)
            {
                foreach (var inner in Mappings(list.Children[i], $"{path}[{i}]"))
                {
                    yield return inner;
                }
            }
        }
    }
}
