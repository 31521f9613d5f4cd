using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// Files a scenario points at (traces, performance profiles): a control character in the path, a
/// directory, a missing, oversized or malformed file each get their own message at the key that
/// names the file.
/// </summary>
public sealed class ReferencedFileTests
{
    private static string WithTrace(string trace) => ReplaceLine(Minimal, "output_tokens:",
        $"output_tokens: {{distribution: empirical, trace: {trace}, column: generated}}");

    private static string WithProfile(string profile) => ReplaceLine(Minimal, "replicas: 1",
        $"replicas: 1\n    engine: {{performance_profile: {profile}}}");

    /// <summary>Where the value of the trace key starts on line 10.</summary>
    private static int TraceColumn(string yaml) => Position(yaml, "trace: ").Column + "trace: ".Length;

    [Theory]
    [InlineData("\"traces/a\\0b.csv\"", "U+0000", 9)]
    [InlineData("\"traces/a\\nb.csv\"", "U+000A", 9)]
    [InlineData("\"\\x7F.csv\"", "U+007F", 1)]
    public void A_control_character_in_a_trace_path_is_located(string written, string character, int position)
    {
        string yaml = WithTrace(written);
        ScenarioLoadResult result = TestFiles.Load(yaml);
        Diagnostic error = DiagnosticAssert.HasError(result, 10, TraceColumn(yaml),
            $"workload.classes[0].output_tokens.trace: the path holds the control character {character} at position {position}");
        Assert.Equal("allowed: a file path of printable characters, relative to the scenario's folder", error.Allowed);
    }

    [Fact]
    public void A_control_character_in_a_profile_path_is_located()
    {
        ScenarioLoadResult result = TestFiles.Load(WithProfile("\"p\\0.yaml\""));
        DiagnosticAssert.HasError(result, 24, 35, "options[1].engine.performance_profile: the path holds the control character U+0000 at position 2");
    }

    [Fact]
    public void A_directory_a_missing_file_and_an_oversized_trace_each_say_what_they_are()
    {
        string directory = WithTrace("traces");
        DiagnosticAssert.HasError(TestFiles.Load(directory), 10, TraceColumn(directory), "trace file 'traces' is a directory, not a file");

        string missing = WithTrace("traces/none.csv");
        DiagnosticAssert.HasError(TestFiles.Load(missing), 10, TraceColumn(missing), "trace file 'traces/none.csv' not found (looked for ");

        string name = "huge-" + Guid.NewGuid().ToString("N") + ".csv";
        using (var stream = new FileStream(Path.Combine(TestFiles.Root, "traces", name), FileMode.CreateNew))
        {
            // Sparse: the length is what counts, and it is checked before anything is read.
            stream.SetLength(Planner.Scenarios.Traces.AzureTraceReader.MaxFileBytes + 1);
        }
        string huge = WithTrace("traces/" + name);
        Diagnostic error = DiagnosticAssert.HasError(TestFiles.Load(huge), 10, TraceColumn(huge), $"trace file 'traces/{name}' is larger than 64 MiB");
        Assert.Equal("allowed: at most 64 MiB", error.Allowed);
    }

    [Fact]
    public void A_malformed_trace_names_its_own_row_and_column()
    {
        string yaml = WithTrace("traces/bad.csv");
        DiagnosticAssert.HasError(TestFiles.Load(yaml), 10, TraceColumn(yaml),
            "workload.classes[0].output_tokens.trace: traces/bad.csv:3:29: ContextTokens: expected a whole number of tokens from 1 to 2,000,000, got 'abc'");
    }

    [Fact]
    public void A_profile_that_is_a_directory_missing_or_malformed_each_get_a_message()
    {
        string directory = TestFiles.NewDirectory();
        string folder = Path.GetRelativePath(TestFiles.Root, directory);
        DiagnosticAssert.HasError(TestFiles.Load(WithProfile(folder)), 24, 35, $"performance profile '{folder}' is a directory, not a file");
        DiagnosticAssert.HasError(TestFiles.Load(WithProfile(folder + "/none.yaml")), 24, 35, $"performance profile '{folder}/none.yaml' not found");

        File.WriteAllText(Path.Combine(directory, "deep.yaml"), "profile: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        DiagnosticAssert.HasError(TestFiles.Load(WithProfile(folder + "/deep.yaml")), 24, 35,
            $"performance profile '{folder}/deep.yaml': {folder}/deep.yaml:1:73: lists and mappings are nested more than 64 deep here");

        File.WriteAllText(Path.Combine(directory, "broken.yaml"), "profile: [unclosed\n");
        Diagnostic broken = DiagnosticAssert.HasError(TestFiles.Load(WithProfile(folder + "/broken.yaml")), 24, 35, $"performance profile '{folder}/broken.yaml': {folder}/broken.yaml:");
        Assert.Contains("malformed YAML", broken.Message, StringComparison.Ordinal);
    }
}
