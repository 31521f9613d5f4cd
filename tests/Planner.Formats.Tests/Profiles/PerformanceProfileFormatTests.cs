using System.Globalization;
using Planner.Formats.Profiles;

namespace Planner.Formats.Tests.Profiles;

public sealed class PerformanceProfileFormatTests
{
    [Fact]
    public void Values_are_spelled_the_same_under_any_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("3.4684E-2", PerformanceProfileFormat.Seconds(0.034684));
            Assert.Equal("0.9983", PerformanceProfileFormat.Ratio(0.99831));
            Assert.Equal(".nan", PerformanceProfileFormat.Ratio(double.NaN));
            Assert.Equal("2026-11-22", PerformanceProfileFormat.Date(new DateOnly(2026, 11, 22)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Text_is_a_double_quoted_yaml_string()
    {
        Assert.Equal("\"AMD \\\"EPYC\\\" \\\\ 2\"", PerformanceProfileFormat.Text("AMD \"EPYC\" \\ 2"));
    }

    [Fact]
    public void The_preamble_names_every_coefficient_key()
    {
        string preamble = string.Join('\n', PerformanceProfileFormat.Preamble);
        foreach (string key in new[] { PerformanceProfileFormat.FixedSeconds, PerformanceProfileFormat.PerPrefillTokenSeconds, PerformanceProfileFormat.PerPrefillAttentionPairSeconds, PerformanceProfileFormat.PerDecodeSequenceSeconds, PerformanceProfileFormat.PerDecodeContextTokenSeconds })
        {
            Assert.Contains(key, preamble);
        }
    }
}
