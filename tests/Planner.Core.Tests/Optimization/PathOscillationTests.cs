using Planner.Core.Optimization;
using Planner.Core.Projection;

namespace Planner.Core.Tests.Optimization;

/// <summary>The path's oscillation sentence: planner run's test, applied to each month of the path.</summary>
public sealed class PathOscillationTests
{
    private const string Cost = "Its cost there rests on replicas started and let go within minutes, each cold start paid GPU time; a longer scale_down_stabilization_s keeps replicas through the lulls, and planner run on that configuration shows its day.";

    private static PathOscillation.Month M(string month, double coldStarts, double ramp, int perUnit = 1) =>
        new(month, 30, coldStarts, ramp, perUnit);

    [Fact]
    public void AMonthOscillatesExactlyWhereRunsWarningWould()
    {
        // 4 × 5 ramp scale-ups + 10 steps of one replica = 30 cold starts a day: at it, no; past it, yes.
        Assert.False(PathOscillation.Oscillates(M("2029-06", 30 * 30, 5)));
        Assert.True(PathOscillation.Oscillates(M("2029-06", 30 * 30.3, 5)));
        Assert.Equal(1.01, FleetDiagnostics.OscillationExcess(30.3, 5, 1), 12);
        // Instances of 4 replicas: ten steps are 40 replicas' cold starts.
        Assert.False(PathOscillation.Oscillates(M("2029-06", 30 * 55, 5, perUnit: 4)));
        // Unknown cold starts or ramp (a month stopped early) never count.
        Assert.False(PathOscillation.Oscillates(M("2029-06", double.NaN, 5)));
        Assert.False(PathOscillation.Oscillates(M("2029-06", 9000, double.NaN)));
    }

    [Fact]
    public void TheSentenceNamesTheMonthsTheWorstAndWhatTheVerificationDid()
    {
        PathOscillation.Month[] path = [M("2029-07", 300, 2), M("2029-08", 2010, 2), M("2029-09", 3300, 2.4)];
        const string Found = "In 2 of the path's 3 months its configuration oscillates by planner run's test, under one set of draws or both (2029-08 and 2029-09): 110 cold starts a day in 2029-09, where its weekday load ramp needs about 2. ";
        Assert.Equal(Found + Cost + " The verification replaced 5 configurations that oscillated and found none steadier for these months within its 16 rounds.",
            PathOscillation.Sentence(path, 5, avoided: true));
        Assert.Equal(Found + Cost + " The path kept the cheapest configuration whatever its cold starts (--allow-oscillation, or an --exhaustive search, which does not repair the path); otherwise the verification replaces one that oscillates, as one that misses the SLO.",
            PathOscillation.Sentence(path, 0, avoided: false));
    }

    [Fact]
    public void AMonthOscillatesWhereEitherSetOfDrawsDoes()
    {
        // The first draws within the limit of 30 a day, the second past it: the month oscillates, as it
        // would miss the SLO had either set missed it; the sentence quotes the worse draws.
        PathOscillation.Month month = new("2027-01", 30, 30 * 20, 5, 1, SecondColdStarts: 30 * 40, SecondRampScaleUps: 5);
        Assert.True(PathOscillation.Oscillates(month));
        Assert.StartsWith("In 1 of the path's 1 month its configuration oscillates by planner run's test, under one set of draws or both (2027-01): 40 cold starts a day in 2027-01, where its weekday load ramp needs about 5. ",
            PathOscillation.Sentence([month], 0, avoided: false));
        // Within it under both: the most of either set is the one quoted.
        PathOscillation.Month steady = month with { SecondColdStarts = 30 * 25 };
        Assert.False(PathOscillation.Oscillates(steady));
        Assert.StartsWith("No month's configuration oscillates under either set of draws: at most 25 cold starts a day",
            PathOscillation.Sentence([steady], 0, avoided: true));
    }

    [Fact]
    public void ManyMonthsAreGivenAsARange()
    {
        var path = Enumerable.Range(1, 6).Select(i => M($"2029-0{i}", 3000, 1)).ToList();
        Assert.StartsWith("In 6 of the path's 6 months its configuration oscillates by planner run's test, under one set of draws or both (between 2029-01 and 2029-06): 100 cold starts a day in 2029-01,",
            PathOscillation.Sentence(path, 1, avoided: true));
    }

    [Fact]
    public void APathThatFollowsItsLoadSaysSoAndWhatWasReplaced()
    {
        PathOscillation.Month[] path = [M("2029-07", 30, 2), M("2029-08", 195, 3)];
        const string Steady = "No month's configuration oscillates: at most 6.5 cold starts a day, within planner run's limit of 4 times what the month's weekday load ramp needs plus 10 of its autoscaler's steps";
        Assert.Equal(Steady + ".", PathOscillation.Sentence(path, 0, avoided: true));
        Assert.Equal(Steady + "; the verification replaced 1 configuration that did at a month's own volume; --allow-oscillation keeps the cheapest configuration whatever its cold starts.",
            PathOscillation.Sentence(path, 1, avoided: true));
        Assert.Null(PathOscillation.Sentence([M("2029-07", double.NaN, double.NaN)], 0, avoided: true));
    }
}
