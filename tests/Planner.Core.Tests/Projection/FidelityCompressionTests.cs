using Planner.Core.Projection;
using Planner.Core.Specs;
using Xunit.Abstractions;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A compressed day stands for the real-time day: a month of a small autoscaled fleet that hovers
/// between one and three replicas (Llama 3.1 8B on H100s, chat-like prompts and answers, bursty
/// arrivals with an evening peak), planned as <c>planner run</c> plans it (busy hours compressed up
/// to 3-fold) and again in real time, five seeds each, costs the same within the noise between
/// seeds and counts about as many cold starts. When each simulated cold start counted once, the
/// compressed month counted 0.40 of the real-time month's (137 against 342 on these seeds): the
/// churn of a hovering fleet runs at the autoscaler's pace, not the load's
/// (<see cref="Serving.CompressedChurn"/>); with round trips counted c times, 0.84.
/// </summary>
public sealed class FidelityCompressionTests(ITestOutputHelper output)
{
    private static ScenarioSpec Scenario(ulong seed, bool realTime)
    {
        SelfHostedOptionSpec fleet = TestSpecs.SelfHosted(
            autoscaler: new AutoscalerSpec { MinReplicas = 1, MaxReplicas = 16, TargetValue = 24, ColdStartSeconds = 300 },
            pricePerGpuHour: 2.86);
        WorkloadSpec workload = TestSpecs.Workload(requestsPerDay: RequestsPerDay, hourlyWeights: TestSpecs.ConsumerEvening,
            arrivals: new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 1.5 }) with
        {
            // The chat scenario's: prompts of median 900 tokens (p95 4,000), answers of mean 220 (sd 180).
            Classes =
            [
                new RequestClassSpec
                {
                    Name = "chat",
                    Share = 1,
                    InputTokens = new LognormalTokens(Math.Log(900), Math.Log(4000.0 / 900) / 1.6449, 16, 16000),
                    OutputTokens = new LognormalTokens(Math.Log(220) - 0.2562, 0.7159, 1, 2048),
                    CachedPrefixFraction = 0.4,
                },
            ],
        };
        return TestSpecs.Scenario(workload, [fleet], seed: seed) with
        {
            Simulation = realTime
                ? new SimulationSettings { NoiseCheckMonths = 0, MaxRequestsPerDay = 10_000_000, MinSegmentSeconds = 3600 }
                : new SimulationSettings { NoiseCheckMonths = 0 },
        };
    }

    private const double RequestsPerDay = 800_000;

    [Fact]
    public void ACompressedDayCostsAndColdStartsAsTheRealTimeDayDoes()
    {
        ulong[] seeds = [1, 2, 3, 4, 5];
        var real = seeds.Select(s => new Projector().Run(Scenario(s, realTime: true)).Options[0].Months[0]).ToList();
        var compressed = seeds.Select(s => new Projector().Run(Scenario(s, realTime: false)).Options[0].Months[0]).ToList();
        foreach ((string label, List<MonthlyOutcome> months) in new[] { ("real time", real), ("compressed", compressed) })
        {
            output.WriteLine($"{label}: plan {months[0].Fidelity}; GPU cost " + string.Join(", ", months.Select(m => GpuUsd(m).ToString("F0")))
                + "; cold starts " + string.Join(", ", months.Select(m => m.ColdStarts.ToString("F0")))
                + "; mean replicas " + string.Join(", ", months.Select(m => m.MeanReplicas.ToString("F2"))));
        }
        Assert.True(compressed[0].Fidelity.CompressionAt(20) > 1, "the busy hours were not compressed: the test checks nothing");
        Assert.Equal(1, real[0].Fidelity.CompressionAt(20));
        Assert.InRange(real.Average(m => m.MeanReplicas), 1.1, 3);

        (double realCost, double realSe) = MeanAndError(real.Select(m => GpuUsd(m)));
        (double compressedCost, double compressedSe) = MeanAndError(compressed.Select(m => GpuUsd(m)));
        double tolerance = Math.Max(0.015 * realCost, 3 * Math.Sqrt(realSe * realSe + compressedSe * compressedSe));
        Assert.True(Math.Abs(compressedCost - realCost) <= tolerance, $"GPU cost: compressed {compressedCost:F0} against real time {realCost:F0} USD (tolerance {tolerance:F0})");

        double realStarts = real.Average(m => m.ColdStarts), compressedStarts = compressed.Average(m => m.ColdStarts);
        Assert.InRange(compressedStarts / realStarts, 0.75, 1.25);
    }

    private static double GpuUsd(MonthlyOutcome m) => m.Cost.GpuServingUsd + m.Cost.GpuIdleUsd + m.Cost.GpuColdStartUsd + m.Cost.GpuStrandedUsd;

    private static (double Mean, double StandardError) MeanAndError(IEnumerable<double> values)
    {
        double[] v = [.. values];
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length));
    }
}
