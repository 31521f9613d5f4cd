using Planner.Core.Specs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

public sealed class ReplayTests
{
    private static string ReplayScenario(string trace, string extra = "") => ReplaceLine(
        string.Join('\n', Minimal.Split('\n').Where((_, i) => i is < 5 or > 9)),
        "volume:",
        $"replay: {{trace: {trace}}}\n  volume: {{requests_per_day: 1000}}{extra}");

    [Fact]
    public void Replay_without_classes_builds_the_trace_and_one_class_from_it()
    {
        ScenarioLoadResult result = TestFiles.Load(ReplayScenario("traces/small.csv"));
        DiagnosticAssert.Clean(result);
        WorkloadSpec w = result.Scenario!.Workload;
        TraceReplaySpec replay = w.Replay!;
        Assert.Equal("traces/small.csv", replay.Source);
        Assert.Equal([0, 1.5, 2, 4], replay.OffsetSeconds);
        Assert.Equal([100, 200, 300, 400], replay.InputTokens);
        Assert.Equal([10, 20, 30, 40], replay.OutputTokens);
        Assert.Equal(4 + 4.0 / 3, replay.DurationSeconds, 12);
        RequestClassSpec only = Assert.Single(w.Classes);
        Assert.Equal(1.0, only.Share);
        Assert.Equal(250, only.InputTokens.MeanTokens);
        Assert.Equal(25, only.OutputTokens.MeanTokens);
        Assert.Equal(("traces/small.csv", "context"), (((EmpiricalTokens)only.InputTokens).Trace, ((EmpiricalTokens)only.InputTokens).Column));
        Assert.Equal(("traces/small.csv", "generated"), (((EmpiricalTokens)only.OutputTokens).Trace, ((EmpiricalTokens)only.OutputTokens).Column));
    }

    [Fact]
    public void Replay_with_arrivals_is_an_error()
    {
        ScenarioLoadResult result = TestFiles.Load(ReplayScenario("traces/small.csv", "\n  arrivals: {process: poisson}"));
        DiagnosticAssert.HasError(result, 8, 3, "workload: give either 'arrivals' or 'replay', not both");
    }

    [Fact]
    public void Replay_of_a_missing_trace()
    {
        ScenarioLoadResult result = TestFiles.Load(ReplayScenario("traces/nope.csv"));
        DiagnosticAssert.HasError(result, 6, 19, "workload.replay.trace: trace file 'traces/nope.csv' not found");
    }

    [Fact]
    public void Workload_needs_classes_or_replay()
    {
        string yaml = string.Join('\n', Minimal.Split('\n').Where((_, i) => i is < 5 or > 9));
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.HasError(result, 6, 3, "workload: give 'classes' (a list of request classes) or 'replay' (a trace)");
    }

    [Fact]
    public void A_public_traces_credit_reaches_the_replay_and_every_token_distribution_drawn_from_it()
    {
        // Replayed without classes (its own class's columns), and drawn from as an empirical
        // distribution: each carries the credit the trace's licence asks for; a trace not known, none.
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        ScenarioLoadResult replayed = ScenarioLoader.Load(ReplayScenario("traces/azure-llm-2023-code.csv"), "code.yaml", scenarios, TestFiles.Catalog);
        DiagnosticAssert.Clean(replayed);
        WorkloadSpec w = replayed.Scenario!.Workload;
        Assert.Contains("Azure LLM inference trace of November 2023, code; licensed under CC-BY 4.0", w.Replay!.Credit, StringComparison.Ordinal);
        Assert.Equal(w.Replay.Credit, ((EmpiricalTokens)w.Classes[0].InputTokens).Credit);
        Assert.Equal(w.Replay.Credit, ((EmpiricalTokens)w.Classes[0].OutputTokens).Credit);
        Assert.Null(TestFiles.Load(ReplayScenario("traces/small.csv")).Scenario!.Workload.Replay!.Credit);

        string drawn = ReplaceLine(Minimal, "output_tokens:", "output_tokens: {distribution: empirical, trace: traces/azure-llm-2023-conv.csv, column: generated}");
        ScenarioLoadResult empirical = ScenarioLoader.Load(drawn, "conv.yaml", scenarios, TestFiles.Catalog);
        DiagnosticAssert.Clean(empirical);
        Assert.Contains("conversation; licensed under CC-BY 4.0", ((EmpiricalTokens)empirical.Scenario!.Workload.Classes[0].OutputTokens).Credit, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_traces_replay()
    {
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        ScenarioLoadResult result = ScenarioLoader.Load(ReplayScenario("traces/azure-llm-2023-conv.csv"), "conv.yaml", scenarios, TestFiles.Catalog);
        DiagnosticAssert.Clean(result);
        TraceReplaySpec replay = result.Scenario!.Workload.Replay!;
        Assert.Equal(19366, replay.OffsetSeconds.Count);
        Assert.Equal(374, replay.InputTokens[0]);
        Assert.Equal(44, replay.OutputTokens[0]);
        Assert.Equal(4.3145789, replay.OffsetSeconds[1], 6); // 18:15:50.9951690 − 18:15:46.6805900
        Assert.InRange(replay.DurationSeconds, 3400, 3600);
        Assert.True(replay.OffsetSeconds.Zip(replay.OffsetSeconds.Skip(1)).All(p => p.First <= p.Second));
    }
}
