using Planner.Core.Metrics;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Tests.Workload;

/// <summary>
/// A recorded window replays exactly the requests that drawing them as they are read gives —
/// the draws every option made for itself before recordings were shared — across chunk edges,
/// for parametric sizes and for a replayed trace.
/// </summary>
public sealed class RequestStreamTests
{
    private static readonly WorkloadSpec Bursty = TestSpecs.Workload(arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 1.5 }) with
    {
        Classes =
        [
            new RequestClassSpec
            {
                Name = "chat", Share = 0.7, CachedPrefixFraction = 0.4,
                InputTokens = new LognormalTokens(Mu: 6.8, Sigma: 0.9, MinTokens: 16, MaxTokens: 16000),
                OutputTokens = new LognormalTokens(Mu: 5.2, Sigma: 0.7, MinTokens: 1, MaxTokens: 2048),
            },
            new RequestClassSpec
            {
                Name = "summarize", Share = 0.3,
                InputTokens = new EmpiricalTokens([300, 1200, 5000], "test"),
                OutputTokens = new FixedTokens(80),
            },
        ],
    };

    // Several generation chunks (4,096 requests each) and a partial last one.
    private static readonly SimulationWindow Window = TestSpecs.Window(
        new LoadSegment(600, 5, 0, 23), new LoadSegment(1800, 8, 1, 0), new LoadSegment(900, 0, 1, 1), new LoadSegment(1200, 3, 1, 2));

    [Fact]
    public void ReplayReadsExactlyWhatDrawingAsReadGives()
    {
        List<Request> drawn = ReadAll(RequestStream.Generate(Window, Bursty, 11));
        RequestStream recorded = RequestStream.Record(Window, Bursty, 11, expectedRequests: 100);

        Assert.True(drawn.Count > 3 * 4096, $"only {drawn.Count} requests");
        Assert.Equal(drawn.Count, recorded.BufferedRequests);
        Assert.Equal(drawn, ReadAll(recorded.Replay()));
        Assert.Equal(drawn, ReadAll(recorded.Replay()));
        Assert.Contains(drawn, r => r.Cached > 0);
    }

    [Fact]
    public void GeneratedStreamMatchesTheArrivalStreamAndSamplerDrawnByHand()
    {
        var arrivals = new ArrivalStream(Window.Segments, Bursty, new RandomStream(SeedSequence.Derive(5, 1)));
        var sampler = new RequestSampler(Bursty);
        var sizes = new RandomStream(SeedSequence.Derive(5, 2));
        var expected = new List<Request>();
        for (double t = arrivals.Next(); t <= Window.DurationSeconds; t = arrivals.Next())
        {
            sampler.Sample(sizes, arrivals.LastTraceRow, out int input, out int output, out int cached);
            expected.Add(new Request(t, input, output, cached));
        }

        Assert.Equal(expected, ReadAll(RequestStream.Generate(Window, Bursty, 5)));
        Assert.All(expected, r => Assert.InRange(r.ArrivalSeconds, 0, 600 + 1800 + 900 + 1200));
        Assert.DoesNotContain(expected, r => r.ArrivalSeconds > 2400 && r.ArrivalSeconds <= 3300);
    }

    [Fact]
    public void TraceReplayIsRecordedRowByRow()
    {
        TraceReplaySpec trace = new()
        {
            Source = "test",
            OffsetSeconds = [0, 0.5, 2, 2.25, 7],
            InputTokens = [100, 200, 300, 400, 500],
            OutputTokens = [0, 20, 30, 40, 50],
            DurationSeconds = 10,
        };
        WorkloadSpec workload = TestSpecs.Workload(replay: trace);
        SimulationWindow window = TestSpecs.Window(new LoadSegment(3000, 2, 1, 0));

        List<Request> drawn = ReadAll(RequestStream.Generate(window, workload, 3));
        Assert.Equal(drawn, ReadAll(RequestStream.Record(window, workload, 3).Replay()));
        Assert.All(drawn, r => Assert.Contains(r.Input, trace.InputTokens));
    }

    [Fact]
    public void AnOptionGivesTheSameMetricsOnARecordingAsOnItsOwnDraws()
    {
        SelfHostedOptionSpec option = TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 4, TargetValue = 4, ColdStartSeconds = 120 });
        RequestStream recorded = RequestStream.Record(Window, Bursty, 21);
        WindowMetrics own = new SelfHostedSimulator(option, Bursty, new SloSpec { TtftP95Ms = 1000 }, PerformanceProfiles.For(option)).Run(Window, 21, 22);
        WindowMetrics shared = new SelfHostedSimulator(option, Bursty, new SloSpec { TtftP95Ms = 1000 }, PerformanceProfiles.For(option)).Run(Window, recorded.Replay(), 22);

        Assert.Equal(own.RequestsArrived, shared.RequestsArrived);
        Assert.Equal(own.RequestsServed, shared.RequestsServed);
        Assert.Equal(own.OutputTokens, shared.OutputTokens);
        Assert.Equal(own.GpuSecondsBilled, shared.GpuSecondsBilled);
        Assert.Equal(own.TimeToFirstToken.Quantile(0.95), shared.TimeToFirstToken.Quantile(0.95));
        Assert.Equal(own.EndToEnd.Quantile(0.99), shared.EndToEnd.Quantile(0.99));
    }

    [Fact]
    public void OnlyARecordingCanBeReplayed()
    {
        Assert.Throws<InvalidOperationException>(() => RequestStream.Generate(Window, Bursty, 1).Replay());
    }

    private static List<Request> ReadAll(RequestStream stream)
    {
        var all = new List<Request>();
        while (stream.Next(out double t, out int input, out int output, out int cached))
        {
            all.Add(new Request(t, input, output, cached));
        }
        Assert.False(stream.Next(out _, out _, out _, out _));
        return all;
    }

    private readonly record struct Request(double ArrivalSeconds, int Input, int Output, int Cached);
}
