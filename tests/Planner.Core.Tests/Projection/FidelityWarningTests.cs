using Planner.Core.Projection;

namespace Planner.Core.Tests.Projection;

/// <summary>Months simulated past the fidelity limit are named in the run's warnings, which every report carries, not only on the console.</summary>
public sealed class FidelityWarningTests
{
    private static OptionProjection Option(params bool[] approximate) => new()
    {
        Option = TestSpecs.SelfHosted(),
        PerformanceSource = "test",
        Months = [.. approximate.Select((a, i) => SampleMonths.At(i) with { Fidelity = a ? new FidelityPlan(1, 9, true) : FidelityPlan.Full })],
    };

    [Fact]
    public void ApproximateMonthsAreNamedWithTheirSpanAndWhatToRaise()
    {
        string warning = Assert.Single(FidelityPlanner.Warnings([Option(false, true, true, true)]));
        Assert.StartsWith("self's figures in 3 of 4 months (2027-02 to 2027-04) are approximate: ", warning, StringComparison.Ordinal);
        Assert.EndsWith("raise simulation.max_requests_per_day to simulate them in full.", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsApproximateInTheSameMonthsShareOneWarning()
    {
        OptionProjection a = Option(false, true), b = Option(false, true) with { Option = TestSpecs.SelfHosted() with { Name = "other" } };
        string warning = Assert.Single(FidelityPlanner.Warnings([a, b, Option(false, false)]));
        Assert.StartsWith("The figures of self, other in 1 of 2 months (2027-02) are approximate: ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AFullFidelityRunHasNoSuchWarning()
    {
        Assert.Empty(FidelityPlanner.Warnings([Option(false, false)]));
    }
}
