using System.Diagnostics;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using Planner.Scenarios.Yaml;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// The limits of YAML files (scenarios and the files they point at): each breach is one located
/// error, found while streaming, fast, and without the stack overflow a deep tree would cause.
/// </summary>
public sealed class InputLimitTests
{
    private static ScenarioLoadResult LoadTimed(string yaml, double seconds = 5)
    {
        var clock = Stopwatch.StartNew();
        ScenarioLoadResult result = TestFiles.Load(yaml);
        Assert.True(clock.Elapsed.TotalSeconds < seconds, $"loading took {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Flow_collections_nested_100000_deep_are_refused_at_the_level_past_the_limit(char open, char close)
    {
        string inner = open == '[' ? "" : "a: 1";
        string nested = string.Concat(Enumerable.Repeat(open == '[' ? "[" : "{a: ", 100_000)) + inner
            + new string(close, 100_000);
        string yaml = Minimal + "\nextra: " + nested + "\n";
        ScenarioLoadResult result = LoadTimed(yaml);
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal(Minimal.Split('\n').Length + 1, error.Line);
        Assert.Contains("nested more than 64 deep", error.Message, StringComparison.Ordinal);
        Assert.Equal("allowed: at most 64 levels, counting those an alias brings in", error.Allowed);
    }

    [Fact]
    public void Block_nesting_at_the_limit_parses_and_one_more_level_is_refused()
    {
        static string Nested(int depth) =>
            string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', 2 * i) + "k:\n")) + new string(' ', 2 * depth) + "v: 1\n";
        // The root mapping is level 1 and each 'k' opens one more: d of them nest d + 1 mappings.
        ScenarioLoadResult atLimit = LoadTimed(Nested(YamlLimits.MaxDepth - 1));
        Assert.DoesNotContain(atLimit.Diagnostics, d => d.Message.Contains("nested", StringComparison.Ordinal));
        ScenarioLoadResult past = LoadTimed(Nested(YamlLimits.MaxDepth));
        Assert.Contains(past.Diagnostics, d => d.Message.Contains("nested more than 64 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Depth_brought_in_by_aliases_counts()
    {
        var lines = new List<string> { "a0: &a0 [x]" };
        for (int i = 1; i < 200; i++)
        {
            lines.Add($"a{i}: &a{i} [*a{i - 1}]");
        }
        ScenarioLoadResult result = LoadTimed(string.Join('\n', lines));
        Diagnostic error = Assert.Single(result.Diagnostics);
        // a{i} on line i + 1 stands for i + 1 nested lists, inside the root mapping.
        Assert.Equal(YamlLimits.MaxDepth, error.Line);
        Assert.Contains("nested more than 64 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_of_aliases_that_stand_for_billions_of_nodes_are_refused()
    {
        var lines = new List<string> { "a0: &a0 [l, l, l, l, l, l, l, l, l, l]" };
        for (int i = 1; i < 12; i++)
        {
            lines.Add($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        }
        ScenarioLoadResult result = LoadTimed(string.Join('\n', lines));
        Diagnostic error = Assert.Single(result.Diagnostics);
        // a5 alone stands for 1,111,111 nodes.
        Assert.Equal(6, error.Line);
        Assert.Contains("more than 1,000,000 values once its aliases are expanded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_inside_the_node_it_names_is_refused()
    {
        ScenarioLoadResult result = LoadTimed(Minimal + "\nloop: &me [1, *me]\n");
        DiagnosticAssert.HasError(result, Minimal.Split('\n').Length + 1, 15, "alias '*me' refers to the list or mapping that contains it");
    }

    [Fact]
    public void An_alias_of_no_anchor_is_located()
    {
        ScenarioLoadResult result = LoadTimed(ReplaceLine(Minimal, "slo:", "slo: *nowhere"));
        DiagnosticAssert.HasError(result, 12, 6, "alias '*nowhere' names no anchor defined before it");
    }

    [Fact]
    public void A_long_scalar_and_a_long_list_are_refused()
    {
        ScenarioLoadResult text = LoadTimed(ReplaceLine(Minimal, "name: minimal", "name: " + new string('x', YamlLimits.MaxScalarLength + 1)));
        DiagnosticAssert.HasError(text, 1, 7, "this key or value is 10,001 characters long");
        ScenarioLoadResult list = LoadTimed(Minimal + "\nitems: [" + string.Join(",", Enumerable.Repeat("1", YamlLimits.MaxCollectionItems + 1)) + "]\n");
        Diagnostic error = Assert.Single(list.Diagnostics);
        Assert.Contains("this list has more than 10,000 items", error.Message, StringComparison.Ordinal);
        ScenarioLoadResult mapping = LoadTimed(Minimal + "\n" + string.Join("\n", Enumerable.Range(0, YamlLimits.MaxCollectionItems + 1).Select(i => $"k{i}: 1")) + "\n");
        Assert.Contains(mapping.Diagnostics, d => d.Message.Contains("this mapping has more than 10,000 keys", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_before_it_is_parsed()
    {
        string directory = TestFiles.NewDirectory();
        string path = Path.Combine(directory, "huge.yaml");
        File.WriteAllText(path, Minimal + "\n#" + new string('a', 20 * 1024 * 1024) + "\n");
        var clock = Stopwatch.StartNew();
        ScenarioLoadResult result = ScenarioLoader.Load(path, TestFiles.Catalog);
        Assert.True(clock.Elapsed.TotalSeconds < 5);
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal($"{path}:1:1: error: scenario file {path} is larger than 1 MiB (allowed: at most 1 MiB)", error.ToString());
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_named_at_its_first_bad_byte_without_echoing_it()
    {
        // A binary file's bytes were quoted into the message as hundreds of replacement characters.
        string directory = TestFiles.NewDirectory();
        string latin1 = Path.Combine(directory, "latin1.yaml");
        File.WriteAllBytes(latin1, [.. "name: tiny\ndescription: caf"u8.ToArray(), 0xE9, (byte)'\n']);
        Diagnostic error = Assert.Single(ScenarioLoader.Load(latin1, TestFiles.Catalog).Diagnostics);
        Assert.Equal($"{latin1}:2:17: error: scenario file: not UTF-8 text (the bytes from 0xE9 here, column counted in bytes, are not valid UTF-8) "
            + "(allowed: a YAML scenario saved as UTF-8 text, or as UTF-16 or UTF-32 with its byte-order mark)", error.ToString());

        // A UTF-8 byte-order mark is UTF-8, and a UTF-32 one (FF FE 00 00) is read as UTF-32.
        string bom = Path.Combine(directory, "bom.yaml");
        File.WriteAllText(bom, Minimal, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.DoesNotContain(ScenarioLoader.Load(bom, TestFiles.Catalog).Diagnostics, d => d.Message.Contains("UTF-8", StringComparison.Ordinal));
        string utf32 = Path.Combine(directory, "utf32.yaml");
        File.WriteAllText(utf32, Minimal, new System.Text.UTF32Encoding(bigEndian: false, byteOrderMark: true));
        Assert.DoesNotContain(ScenarioLoader.Load(utf32, TestFiles.Catalog).Diagnostics, d => d.Message.Contains("UTF-8", StringComparison.Ordinal));

        string utf16 = Path.Combine(directory, "utf16.yaml");
        File.WriteAllText(utf16, Minimal, new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        Assert.DoesNotContain(ScenarioLoader.Load(utf16, TestFiles.Catalog).Diagnostics, d => d.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_given_as_the_scenario_says_so()
    {
        string directory = TestFiles.NewDirectory();
        ScenarioLoadResult result = ScenarioLoader.Load(directory, TestFiles.Catalog);
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Contains($"scenario file {directory} is a directory, not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deeply_nested_catalog_file_is_refused_with_its_position()
    {
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory);
        File.WriteAllText(Path.Combine(directory, CatalogLoader.GpusFile), "gpus: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        CatalogLoadResult result = CatalogLoader.Load(directory);
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.EndsWith(CatalogLoader.GpusFile, error.File, StringComparison.Ordinal);
        Assert.Equal((1, 70), (error.Line, error.Column));
        Assert.Contains("nested more than 64 deep", error.Message, StringComparison.Ordinal);
    }
}
