using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// A recommendation whose pair rests on months compressed past the fidelity limit says which
/// months, and whether the month their costs cross or the month one pays back is among them.
/// </summary>
public sealed class RecommendationApproximateTests
{
    private static OptionProjection Option(string name, params int[] approximateMonths) => new()
    {
        Option = TestSpecs.Api() with { Name = name },
        PerformanceSource = "test",
        Months = [.. Enumerable.Range(0, 24).Select(i => SampleMonths.At(i) with
        {
            Fidelity = approximateMonths.Contains(i + 1) ? new FidelityPlan(1, 12, true) : FidelityPlan.Full,
        })],
    };

    private static BestAlternative Alternative(int? crossFrom, int? payback) => new()
    {
        Recommended = "api", Option = "fleet", MeetsSlo = true, MonthsMissingSlo = 0, RecommendedTotalCostUsd = 100, TotalCostUsd = 120,
        CheaperAtHorizon = "fleet", CheaperFromMonth = crossFrom, BreakEvenMonth = payback,
    };

    [Fact]
    public void TheMonthsTheFleetCrossesInAreNamedAsApproximate()
    {
        // voice-agent at 10x: the H100 costs less than the API from month 20 (2028-08), and months 20-24 are approximate.
        string? text = RecommendationWriter.Approximate(Option("api"), Option("fleet", 20, 21, 22, 23, 24), Alternative(crossFrom: 20, payback: null));
        Assert.Equal("fleet's figures in 2028-08 to 2028-12 rest on days compressed past the fidelity limit (see the warnings), so they are approximate, and so is the month their costs cross.", text);
    }

    [Fact]
    public void ScatteredMonthsAndAPaybackAmongThemAreCounted()
    {
        string? text = RecommendationWriter.Approximate(Option("api", 12), Option("fleet", 14), Alternative(crossFrom: 3, payback: 14));
        Assert.Equal("api's figures in 2027-12 and fleet's figures in 2028-02 rest on days compressed past the fidelity limit (see the warnings), so they are approximate, and so is the month it pays back.", text);
        // Both the crossing and the payback among them.
        Assert.EndsWith("and so are the month their costs cross and the month it pays back.",
            RecommendationWriter.Approximate(Option("api"), Option("fleet", 20, 21), Alternative(crossFrom: 20, payback: 21)), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutApproximateMonthsNothingIsSaid()
    {
        Assert.Null(RecommendationWriter.Approximate(Option("api"), Option("fleet"), Alternative(crossFrom: 20, payback: 22)));
        // Approximate months away from the crossing are named, without claiming the crossing.
        Assert.EndsWith("so they are approximate.", RecommendationWriter.Approximate(Option("api"), Option("fleet", 23, 24), Alternative(crossFrom: 20, payback: null)), StringComparison.Ordinal);
    }
}
