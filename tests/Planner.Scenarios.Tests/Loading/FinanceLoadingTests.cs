using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>The <c>finance</c> section.</summary>
public sealed class FinanceLoadingTests
{
    [Fact]
    public void The_discount_rate_is_read()
    {
        ScenarioLoadResult result = TestFiles.Load(Minimal + "\nfinance: {discount_rate_per_year: 0.12}\n");

        DiagnosticAssert.Clean(result);
        Assert.Equal(0.12, result.Scenario!.Finance.DiscountRatePerYear);
    }

    [Fact]
    public void An_empty_finance_section_keeps_the_default()
    {
        ScenarioLoadResult result = TestFiles.Load(Minimal + "\nfinance: {}\n");

        DiagnosticAssert.Clean(result);
        Assert.Equal(0.10, result.Scenario!.Finance.DiscountRatePerYear);
    }

    [Theory]
    [InlineData("finance: {discount_rate_per_year: 1.5}", "1.5", "finance.discount_rate_per_year: 1.5 is out of range (allowed: 0 to 1)")]
    [InlineData("finance: {discount_rate_per_year: -0.1}", "-0.1", "finance.discount_rate_per_year: -0.1 is out of range (allowed: 0 to 1)")]
    [InlineData("finance: {discount_rate: 0.1}", "discount_rate", "unknown key 'finance.discount_rate' (did you mean: discount_rate_per_year?)")]
    [InlineData("finance: 0.1", "0.1", "finance: expected a mapping, got '0.1'")]
    public void Mistakes_are_errors_at_their_place(string line, string at, string message)
    {
        string yaml = Minimal + "\n" + line + "\n";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        string[] lines = yaml.Split('\n');
        int row = Array.FindLastIndex(lines, l => l.StartsWith("finance", StringComparison.Ordinal));
        DiagnosticAssert.HasError(result, row + 1, lines[row].IndexOf(at, StringComparison.Ordinal) + 1, message);
    }
}
