using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Tests.Diagnostics;

/// <summary>
/// A value of the wrong shape (a number where a mapping belongs, a mapping where a number belongs)
/// is refused with an example of the form to write, and that example is itself accepted there.
/// </summary>
public sealed class ShapeExampleTests
{
    [Theory]
    [InlineData("volume: {requests_per_day: 1000}", "volume: {requests_per_day: 1000, growth: 0.10}",
        "workload.volume.growth: expected a mapping, got '0.10' (for example: growth: {monthly_rate: 0.10})")]
    [InlineData("slo: {ttft_p95_ms: 1000}", "slo: 1000",
        "slo: expected a mapping, got '1000' (for example: slo: {ttft_p95_ms: 1000, tpot_p95_ms: 80})")]
    [InlineData("    pricing: {catalog: aws-g6-xlarge-us-east-1}", "    pricing: [aws-g6-xlarge-us-east-1]",
        "options[1].pricing: expected a mapping, got a list (for example: pricing: {catalog: aws-g6-xlarge-us-east-1, model: on_demand})")]
    [InlineData("    replicas: 1", "    replicas: {count: 1}",
        "options[1].replicas: expected an integer, got a mapping (for example: replicas: 1)")]
    [InlineData("    gpu: l4", "    gpu: [l4]",
        "options[1].gpu: expected a mapping, got a list (allowed: a catalog id, a mapping {catalog: id, overrides}, or a full inline mapping; for example: gpu: {catalog: l4})")]
    [InlineData("name: minimal", "name: [minimal]", "name: expected a text value, got a list (for example: name: chat)")]
    [InlineData("start_month: 2027-01", "start_month: {year: 2027}", "start_month: expected a month as YYYY-MM, got a mapping (for example: start_month: 2027-01)")]
    public void A_value_of_the_wrong_shape_is_shown_the_form_to_write(string original, string replacement, string expected)
    {
        string yaml = SampleScenarios.Minimal.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(SampleScenarios.Minimal, yaml);

        ScenarioLoadResult result = TestFiles.Load(yaml);

        Assert.Contains(result.Diagnostics, d => d.ToString().EndsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_and_their_items_are_shown_their_form()
    {
        string yaml = SampleScenarios.Minimal + """

            price_events: {name: cut, month: 2, target: api_prices, change: -0.5}
            """;

        ScenarioLoadResult result = TestFiles.Load(yaml);

        Assert.Contains(result.Diagnostics, d => d.ToString().EndsWith(
            "price_events: expected a list, got a mapping (for example: price_events: [{name: GPU prices fall, month: 1, target: gpu_prices, change_per_year: -0.15}])",
            StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_key_is_shown_one_of_its_words()
    {
        string yaml = SampleScenarios.Minimal.Replace("    kind: api", "    kind: {api: true}", StringComparison.Ordinal);

        ScenarioLoadResult result = TestFiles.Load(yaml);

        Assert.Contains(result.Diagnostics, d => d.ToString().EndsWith(
            "options[0].kind: expected a text value, got a mapping (for example: kind: api)", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_collection_example_is_one_line_of_yaml_for_its_key()
    {
        foreach ((string suffix, string example) in ShapeExamples.Collections)
        {
            YamlNode value = ExampleValue(example, suffix);
            // daily_shape takes a shape's name or a list of 24 weights: the name is the simpler form to show.
            Assert.True(value is YamlMappingNode or YamlSequenceNode || suffix == "workload.daily_shape", $"{suffix}: {example}");
            Assert.DoesNotContain('\n', example);
        }
    }

    public static TheoryData<string> BundledScenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(TestFiles.RepositoryRoot(), "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    /// <summary>
    /// Every value of every bundled scenario is swapped in turn for one of the wrong shape: each
    /// refusal of the shape carries an example, and the example put in its place is not refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Every_shape_refusal_in_a_bundled_scenario_carries_an_example_that_is_accepted(string fileName)
    {
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        CatalogLoadResult catalog = CatalogLoader.Load(Path.Combine(scenarios, "catalog"));
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(scenarios, fileName))));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var failures = new List<string>();
        int refusals = 0;

        foreach ((string path, YamlNode node, Action<YamlNode> put) in Walk(root, ""))
        {
            YamlNode wrong = node is YamlScalarNode
                ? new YamlMappingNode(new YamlScalarNode("x"), new YamlScalarNode("1"))
                : new YamlScalarNode("0.10");
            put(wrong);
            ScenarioLoadResult result = ScenarioLoader.Load(Save(stream), fileName, scenarios, catalog.Catalog!);
            put(node);
            foreach (Diagnostic refusal in result.Diagnostics.Where(d => d.Message.StartsWith(path + ": ", StringComparison.Ordinal) && IsShapeRefusal(d)))
            {
                refusals++;
                string? example = ExampleIn(refusal.Allowed);
                if (example is null)
                {
                    failures.Add($"no example: {refusal}");
                    continue;
                }
                put(ExampleValue(example, path));
                ScenarioLoadResult fixedResult = ScenarioLoader.Load(Save(stream), fileName, scenarios, catalog.Catalog!);
                put(node);
                foreach (Diagnostic left in fixedResult.Diagnostics.Where(d => Under(d.Message, path) && (IsShapeRefusal(d) || d.Message.StartsWith("unknown key", StringComparison.Ordinal))))
                {
                    failures.Add($"example '{example}' for {path} is refused: {left}");
                }
            }
        }

        Assert.True(refusals > 20, $"only {refusals} shape refusals were provoked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool IsShapeRefusal(Diagnostic d) =>
        d.Message.Contains(": expected a mapping, got", StringComparison.Ordinal)
        || d.Message.Contains(": expected a list, got", StringComparison.Ordinal)
        || (d.Message.Contains(": expected ", StringComparison.Ordinal)
            && (d.Message.EndsWith("got a mapping", StringComparison.Ordinal) || d.Message.EndsWith("got a list", StringComparison.Ordinal)));

    private static bool Under(string message, string path) =>
        message.StartsWith(path + ":", StringComparison.Ordinal) || message.StartsWith(path + ".", StringComparison.Ordinal)
        || message.StartsWith(path + "[", StringComparison.Ordinal) || message.StartsWith($"unknown key '{path}.", StringComparison.Ordinal);

    private static string? ExampleIn(string? allowed)
    {
        const string Marker = "for example: ";
        int at = allowed?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : allowed![(at + Marker.Length)..];
    }

    /// <summary>The value an example writes: the item of <c>- item</c>, or the value of <c>key: value</c> (whose key must be the path's last key).</summary>
    private static YamlNode ExampleValue(string example, string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(example));
        YamlNode root = stream.Documents[0].RootNode;
        if (root is YamlSequenceNode item)
        {
            Assert.True(path.EndsWith(']'), $"{path}: the example '{example}' is a list item");
            return Assert.Single(item.Children);
        }
        var mapping = Assert.IsType<YamlMappingNode>(root);
        (YamlNode key, YamlNode value) = Assert.Single(mapping.Children);
        string lastKey = path[(path.LastIndexOf('.') + 1)..].Split('[')[0];
        Assert.True(((YamlScalarNode)key).Value == lastKey, $"{path}: the example '{example}' is for '{key}'");
        return value;
    }

    private static string Save(YamlStream stream)
    {
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>Every value below the root with its path as the readers write it and a way to put another value in its place.</summary>
    private static IEnumerable<(string Path, YamlNode Node, Action<YamlNode> Put)> Walk(YamlNode node, string path)
    {
        var found = new List<(string, YamlNode, Action<YamlNode>)>();
        if (node is YamlMappingNode mapping)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children.ToList())
            {
                if (entry.Key is not YamlScalarNode { Value: { } key } || key == "<<")
                {
                    continue;
                }
                string childPath = path.Length == 0 ? key : $"{path}.{key}";
                YamlNode keyNode = entry.Key;
                found.Add((childPath, entry.Value, value => mapping.Children[keyNode] = value));
                found.AddRange(Walk(entry.Value, childPath));
            }
        }
        else if (node is YamlSequenceNode sequence)
        {
            for (int i = 0; i < sequence.Children.Count; i++)
            {
                int index = i;
                string childPath = $"{path}[{i}]";
                found.Add((childPath, sequence.Children[i], value => sequence.Children[index] = value));
                found.AddRange(Walk(sequence.Children[i], childPath));
            }
        }
        return found;
    }
}
