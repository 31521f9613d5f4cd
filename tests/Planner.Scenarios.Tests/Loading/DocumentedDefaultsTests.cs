using System.Text.Json;
using System.Text.RegularExpressions;
using Planner.Core.Specs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// Every default the key tables of scenarios/README.md state is the code's: a scenario that leaves the
/// key out and one that writes the documented default load to the same spec. (The engine section
/// once said 0.6, 0.8 and 4 ms where the records said 0.5, 0.7 and 1.)
/// </summary>
public sealed partial class DocumentedDefaultsTests
{
    /// <summary>Where each table's keys go, by the heading or bold label above it, and what the scenario needs around them.</summary>
    private static readonly Dictionary<string, (string Path, string? Around)> Places = new(StringComparer.Ordinal)
    {
        ["Top level"] = ("", null),
        ["Workload"] = ("workload", null),
        ["Simulation"] = ("simulation", null),
        ["API options"] = ("options[0]", null),
        ["Self-hosted options"] = ("options[1]", null),
        ["Autoscaler"] = ("options[1].autoscaler", "autoscaler"),
        ["Engine"] = ("options[1].engine", null),
        ["Pricing"] = ("options[1].pricing", "own price"),
        ["Spot capacity"] = ("options[1].spot", "spot"),
        ["Hybrid options"] = ("options[2]", "hybrid"),
        ["Finance"] = ("finance", null),
        ["Price events"] = ("price_events[0]", "price event"),
        ["Uncertain inputs"] = ("uncertainty", "uncertainty"),
    };

    /// <summary>Defaults stated in words, which no single value can stand for.</summary>
    private static readonly HashSet<string> Described = new(StringComparer.Ordinal)
    {
        "", "empty", "none", "defaults", "cheapest API option", "computed", "engine defaults", "as `chunked_prefill`", "every replica at `pricing`",
        "the catalog entry's `model`, else the option name", "catalog", "catalog, else the input price", "the catalog's", "the path",
        "every option the target applies to", "to the horizon", "catalog, else none",
    };

    /// <summary>Defaults of several keys in one cell, spelled out as the keys they stand for.</summary>
    private static readonly Dictionary<string, (string Cell, string Value)> Composite = new(StringComparer.Ordinal)
    {
        ["options[0].rate_limits"] = ("unlimited, 1, 2, 60", "{initial_backoff_s: 1, backoff_multiplier: 2, max_wait_s: 60}"),
        // Without a catalog entry to take it from.
        ["options[0].batch_discount"] = ("catalog, else 0.5", "0.5"),
    };

    [Fact]
    public void Every_default_in_the_key_tables_is_the_loaders()
    {
        IReadOnlyList<Row> rows = Rows(File.ReadAllLines(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "README.md")));
        var failures = new List<string>();
        int compared = 0;
        foreach (Row row in rows)
        {
            if (!Places.TryGetValue(row.Section, out var place))
            {
                failures.Add($"README.md:{row.Line}: a key table under '{row.Section}' that this test does not know where to put");
                continue;
            }
            string fullKey = place.Path.Length == 0 ? row.Key : $"{place.Path}.{row.Key}";
            string? value = LiteralValue(row.Default);
            string? around = place.Around;
            if (Composite.TryGetValue(fullKey, out var composite))
            {
                if (row.Default != composite.Cell)
                {
                    failures.Add($"README.md:{row.Line}: {fullKey}: the default reads '{row.Default}', this test expects '{composite.Cell}'");
                    continue;
                }
                value = composite.Value;
                around = fullKey == "options[0].batch_discount" ? "api without catalog" : around;
            }
            else if (value is null)
            {
                if (!Described.Contains(row.Default))
                {
                    failures.Add($"README.md:{row.Line}: {fullKey}: the default '{row.Default}' is neither a value nor a known description");
                }
                continue;
            }
            YamlMappingNode left = Base(around), written = Base(around);
            Set(written, place.Path, row.Key, value);
            string leftSpec = Describe(Load(left, fullKey, failures)), writtenSpec = Describe(Load(written, fullKey, failures));
            compared++;
            if (leftSpec != writtenSpec)
            {
                failures.Add($"README.md:{row.Line}: {fullKey}: writing the documented default {value} changes the scenario, so the code's default differs");
            }
        }
        Assert.True(compared >= 40, $"only {compared} documented defaults compared");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The annotated example's comments ("# ..., default 0.5: ...") say what the tables say, so they are tested with them.</summary>
    [Fact]
    public void The_annotated_example_states_the_tables_defaults()
    {
        string[] lines = File.ReadAllLines(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "README.md"));
        IReadOnlyList<Row> rows = Rows(lines);
        var failures = new List<string>();
        int checkedCount = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (CommentDefault().Match(lines[i]) is not { Success: true } m)
            {
                continue;
            }
            string key = m.Groups["key"].Value, stated = m.Groups["default"].Value;
            var documented = rows.Where(r => r.Key.Split('.')[^1] == key).Select(r => LiteralValue(r.Default)).OfType<string>().ToList();
            if (documented.Count == 0)
            {
                continue;
            }
            checkedCount++;
            if (!documented.Any(d => d == stated || (double.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, out double a)
                                                     && double.TryParse(stated, System.Globalization.CultureInfo.InvariantCulture, out double b) && a == b)))
            {
                failures.Add($"README.md:{i + 1}: {key}: the comment says default {stated}, the table {string.Join(" or ", documented)}");
            }
        }
        Assert.True(checkedCount >= 25, $"only {checkedCount} defaults in comments checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void A_wrong_documented_default_is_caught()
    {
        YamlMappingNode left = Base(null), written = Base(null);
        Set(written, "options[1].engine", "compute_efficiency", "0.5");
        var failures = new List<string>();

        Assert.NotEqual(Describe(Load(left, "x", failures)), Describe(Load(written, "x", failures)));
        Assert.Empty(failures);
    }

    private sealed record Row(int Line, string Section, string Key, string Default);

    /// <summary>The rows of every table whose header has 'key' first and a 'default' column, with the heading or bold label they sit under.</summary>
    private static List<Row> Rows(string[] lines)
    {
        var rows = new List<Row>();
        string section = "";
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
            }
            else if (BoldLabel().Match(line) is { Success: true } label)
            {
                section = label.Groups[1].Value;
            }
            else if (line.StartsWith("| key |", StringComparison.Ordinal) && Cells(line).IndexOf("default") is int column and >= 0)
            {
                for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
                {
                    List<string> cells = Cells(lines[i]);
                    foreach (string key in cells[0].Split(',', StringSplitOptions.TrimEntries))
                    {
                        rows.Add(new Row(i + 1, section, key.Trim('`'), cells[column]));
                    }
                }
            }
        }
        return rows;
    }

    private static List<string> Cells(string line) =>
        [.. Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim())];

    /// <summary>A number, or a word in backticks: the value to write; null for a default described in words.</summary>
    private static string? LiteralValue(string cell) =>
        LiteralCell().Match(cell) is { Success: true } m ? m.Groups["value"].Value : null;

    private static YamlMappingNode Base(string? around)
    {
        string yaml = SampleScenarios.Minimal;
        switch (around)
        {
            case "autoscaler":
                yaml = yaml.Replace("    replicas: 1", "    autoscaler: {min_replicas: 1, max_replicas: 4, target: 8}", StringComparison.Ordinal);
                break;
            case "own price":
                yaml = yaml.Replace("{catalog: aws-g6-xlarge-us-east-1}", "{per_gpu_hour_usd: 0.8, gpus_per_instance: 1}", StringComparison.Ordinal);
                break;
            case "spot":
                yaml += "\n    spot: {on_demand_base_replicas: 0, price: {per_gpu_hour_usd: 0.3}, interruptions_per_hour: 0.05}";
                break;
            case "hybrid":
                yaml += """

                      - name: hyb
                        kind: hybrid
                        self_hosted: {model: llama-3.1-8b, gpu: l4, pricing: {catalog: aws-g6-xlarge-us-east-1}, replicas: 1}
                        api: {catalog: gpt-4o, latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}}
                        overflow_queue_wait_s: 2
                    """;
                break;
            case "price event":
                yaml += "\nprice_events:\n  - {name: cut, month: 2, target: gpu_prices, change: -0.1}";
                break;
            case "uncertainty":
                yaml += "\nuncertainty:\n  inputs:\n    - {path: workload.volume.requests_per_day, distribution: uniform, min: 900, max: 1100}";
                break;
            case "api without catalog":
                yaml = yaml.Replace("    catalog: gpt-4o", "    input_per_million_usd: 2.5\n    output_per_million_usd: 10", StringComparison.Ordinal);
                break;
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Writes <paramref name="key"/> (dotted for nested keys) with a value parsed as YAML into the mapping at <paramref name="path"/>, creating mappings on the way.</summary>
    private static void Set(YamlMappingNode root, string path, string key, string value)
    {
        YamlMappingNode at = root;
        string[] steps = path.Length == 0 ? [] : path.Split('.');
        foreach (string step in steps.Concat(key.Split('.').SkipLast(1)))
        {
            Match item = Regex.Match(step, @"^(\w+)\[(\d+)\]$");
            if (item.Success)
            {
                var list = (YamlSequenceNode)at.Children[new YamlScalarNode(item.Groups[1].Value)];
                at = (YamlMappingNode)list.Children[int.Parse(item.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
                continue;
            }
            var name = new YamlScalarNode(step);
            if (!at.Children.TryGetValue(name, out YamlNode? next))
            {
                next = new YamlMappingNode();
                at.Children[name] = next;
            }
            at = (YamlMappingNode)next;
        }
        var parsed = new YamlStream();
        parsed.Load(new StringReader(value));
        at.Children[new YamlScalarNode(key.Split('.')[^1])] = parsed.Documents[0].RootNode;
    }

    private static ScenarioSpec? Load(YamlMappingNode root, string what, List<string> failures)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        ScenarioLoadResult result = TestFiles.Load(writer.ToString());
        if (result.HasErrors)
        {
            failures.Add($"{what}: the scenario does not load:\n  " + string.Join("\n  ", result.Diagnostics.Where(d => d.IsError)));
        }
        return result.Scenario;
    }

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The whole spec as JSON, each option by its own type (so its kind's fields count).</summary>
    private static string Describe(ScenarioSpec? spec) =>
        spec is null
            ? "(not loaded)"
            : JsonSerializer.Serialize(spec with { Options = [] }, Json) + "\n"
              + string.Join("\n", spec.Options.Select(o => JsonSerializer.Serialize(o, o.GetType(), Json)));

    [GeneratedRegex(@"^\s*(?:- )?(?<key>[a-z_0-9]+):[^#]*#.*\bdefault (?<default>[^\s:,;)]+)")]
    private static partial Regex CommentDefault();

    [GeneratedRegex(@"^\*\*([A-Z][A-Za-z ]+)\*\*")]
    private static partial Regex BoldLabel();

    [GeneratedRegex(@"^(?:(?<value>-?[0-9][0-9.]*)|`(?<value>[A-Za-z_][A-Za-z0-9_-]*)`)$")]
    private static partial Regex LiteralCell();
}
