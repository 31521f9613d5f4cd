using Planner.Reports.Charts;

namespace Planner.Reports.Tests;

/// <summary>Tick labels: currency, percent, SI, milliseconds and clock times, in the invariant culture whatever the thread's.</summary>
public sealed class AxisFormatterTests
{
    [Theory]
    [InlineData(0, ValueFormat.Currency, 500, "$0")]
    [InlineData(1500, ValueFormat.Currency, 500, "$1.5K")]
    [InlineData(20_000, ValueFormat.Currency, 10_000, "$20K")]
    [InlineData(2_000_000, ValueFormat.Currency, 500_000, "$2M")]
    [InlineData(2_500_000, ValueFormat.Currency, 500_000, "$2.5M")]
    [InlineData(0.5, ValueFormat.Currency, 0.25, "$0.50")]
    [InlineData(0.25, ValueFormat.Currency, 0.25, "$0.25")]
    [InlineData(12, ValueFormat.Currency, 2, "$12")]
    [InlineData(-44_199, ValueFormat.Currency, 10_000, "-$44K")]
    [InlineData(0.25, ValueFormat.Percent, 0.05, "25%")]
    [InlineData(0.125, ValueFormat.Percent, 0.025, "12.5%")]
    [InlineData(1500, ValueFormat.Milliseconds, 500, "1,500 ms")]
    [InlineData(0, ValueFormat.Milliseconds, 1000, "0 s")]
    [InlineData(2000, ValueFormat.Milliseconds, 1000, "2 s")]
    [InlineData(15_000, ValueFormat.Milliseconds, 5000, "15 s")]
    [InlineData(1500, ValueFormat.Si, 500, "1.5k")]
    [InlineData(3_000_000, ValueFormat.Si, 1_000_000, "3M")]
    [InlineData(0.5, ValueFormat.Si, 0.1, "0.5")]
    [InlineData(12_345.6, ValueFormat.Number, 1, "12,346")]
    [InlineData(6, ValueFormat.HourOfDay, 3, "06:00")]
    [InlineData(13.5, ValueFormat.HourOfDay, 0.5, "13:30")]
    public void FormatsTicks(double value, ValueFormat format, double step, string expected)
    {
        using var scope = new CultureScope("de-DE");
        Assert.Equal(expected, AxisFormatter.Format(value, format, step));
    }

    [Theory]
    [InlineData(3_200_000, ValueFormat.Currency, "$3.20M")]
    [InlineData(268_305, ValueFormat.Currency, "$268K")]
    [InlineData(45.3, ValueFormat.Currency, "$45.30")]
    [InlineData(0.8898, ValueFormat.Currency, "$0.89")]
    [InlineData(0.456, ValueFormat.Percent, "45.6%")]
    [InlineData(1191, ValueFormat.Milliseconds, "1.19 s")]
    [InlineData(999, ValueFormat.Milliseconds, "999 ms")]
    public void FormatsSingleValuesToThreeSignificantDigits(double value, ValueFormat format, string expected)
    {
        using var scope = new CultureScope("fr-FR");
        Assert.Equal(expected, AxisFormatter.Significant(value, format));
    }

    [Fact]
    public void NonFiniteValuesReadNotAvailable()
    {
        Assert.Equal("n/a", AxisFormatter.Format(double.NaN, ValueFormat.Currency, 1));
        Assert.Equal("n/a", AxisFormatter.Significant(double.PositiveInfinity, ValueFormat.Percent));
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(0.25, 2)]
    [InlineData(0.1, 1)]
    [InlineData(2e-5, 5)]
    public void DecimalsFollowTheStep(double step, int decimals) => Assert.Equal(decimals, AxisFormatter.DecimalsOf(step));
}
