using Planner.Core.Costs;
using Planner.Core.Projection;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// An option cheaper than the recommendation that misses the SLO in some month is named beside it,
/// with the months it misses and whether they rest on approximate days, where it is not already the
/// alternative: legal-summarisation at 10× its traffic named only the API, $8.8 million dearer.
/// </summary>
public sealed class RecommendationCheaperMissingTests
{
    private static OptionProjection Option(string name, double monthlyUsd, int[]? missing = null, int[]? approximate = null) => new()
    {
        Option = TestSpecs.Api() with { Name = name },
        PerformanceSource = "test",
        Months = [.. Enumerable.Range(0, 24).Select(i => SampleMonths.At(i) with
        {
            Cost = new CostBreakdown { ApiTokensUsd = monthlyUsd },
            SloMet = missing?.Contains(i + 1) != true,
            Fidelity = approximate?.Contains(i + 1) == true ? new FidelityPlan(1, 12, true) : FidelityPlan.Full,
        })],
    };

    [Fact]
    public void TheCheaperOptionThatMissesTheSloIsNamedWithItsMonths()
    {
        // The hybrid meets the SLO and is recommended; the API meets it too and is the alternative;
        // the fleet alone costs least but misses the SLO in its last three months, all approximate.
        Recommendation r = RecommendationWriter.Write([
            Option("api", 500_000),
            Option("fleet", 150_000, missing: [22, 23, 24], approximate: [16, 17, 18, 19, 20, 21, 22, 23, 24]),
            Option("hybrid", 200_000),
        ]);
        Assert.Equal("hybrid", r.OptionName);
        Assert.Equal("api", r.Alternative!.Option);
        Assert.Contains("fleet would cost less, $3,600,000 ($1,200,000 or 25.0% less), but it is not recommended: it misses the SLO in 3 of 24 months (2028-10, 2028-11 and 2028-12), whose figures rest on days compressed past the fidelity limit and are approximate (see the warnings).", r.Sentences);
    }

    [Fact]
    public void OnlyACheaperOptionThatIsNotTheAlternativeIsNamed()
    {
        // Dearer than the recommendation: nothing to explain.
        Recommendation dearer = RecommendationWriter.Write([Option("api", 500_000), Option("fleet", 250_000, missing: [24]), Option("hybrid", 200_000)]);
        Assert.DoesNotContain(dearer.Sentences, s => s.Contains("would cost less", StringComparison.Ordinal));
        // Every month missed, on real-time days.
        Recommendation always = RecommendationWriter.Write([Option("api", 500_000), Option("fleet", 100_000, missing: [.. Enumerable.Range(1, 24)]), Option("hybrid", 200_000)]);
        Assert.Contains("fleet would cost less, $2,400,000 ($2,400,000 or 50.0% less), but it is not recommended: it misses the SLO in every month.", always.Sentences);
    }
}
