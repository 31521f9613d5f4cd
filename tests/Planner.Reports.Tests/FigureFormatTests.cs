using Planner.Core.Formatting;
using Planner.Reports.Formatting;

namespace Planner.Reports.Tests;

/// <summary>
/// One formatter per kind of figure: each writes a figure the same from the simulation's value and
/// from the value summary.json stores, in every culture, with midpoints away from zero.
/// </summary>
public sealed class FigureFormatTests
{
    [Fact]
    public void A_span_beside_two_shown_amounts_is_their_shown_difference()
    {
        // −$109,217 and $215,402 as shown: $324,619 apart, where the unrounded $324,618.49 read $324,618.
        Assert.Equal(324_619, Planner.Core.Formatting.FigureFormat.ShownSpanUsd(215_401.5, -109_216.99));
        Assert.Equal(324_619, Planner.Core.Formatting.FigureFormat.ShownSpanUsd(-109_216.99, 215_401.5));
        Assert.Equal(0, Planner.Core.Formatting.FigureFormat.ShownSpanUsd(1_000.2, 999.9));
        // Written as the amounts beside it are: whole dollars between whole dollars, cents below $100.
        Assert.Equal("$0", Planner.Core.Formatting.FigureFormat.UsdSpan(-22_059.43, -22_059.2));
        Assert.Equal("$324,619", Planner.Core.Formatting.FigureFormat.UsdSpan(215_401.5, -109_216.99));
        Assert.Equal("$0.50", Planner.Core.Formatting.FigureFormat.UsdSpan(10.25, 10.75));
    }

    [Fact]
    public void Shares_of_one_whole_add_up_to_100_percent_as_shown()
    {
        // Each rounded on its own, 61.5%, 5%, 0% and 33.5% read 62%, 5%, 0% and 34%: 101%.
        Assert.Equal(["62%", "5%", "0%", "33%"], Fmt.Shares([0.615, 0.05, 0, 0.335]));
        Assert.Equal(["34%", "33%", "33%"], Fmt.Shares([1 / 3.0, 1 / 3.0, 1 / 3.0]));
        Assert.Equal(["under 1%", "over 99%"], Fmt.Shares([0.004, 0.996]));
        Assert.Equal(["under 1%", "over 99%"], Fmt.Shares([0.006, 0.994]));
        // As summary.json keeps them, to four decimals: three thirds are 0.3333 each and still add up.
        Assert.Equal(["34%", "33%", "33%"], Fmt.Shares([0.3333, 0.3333, 0.3333]));
        Assert.Equal(["100%", "0%"], Fmt.Shares([1, 0]));
        // Not parts of a whole: each as Probability writes it.
        Assert.Equal(["62%", "62%"], Fmt.Shares([0.615, 0.615]));
    }

    [Theory]
    [InlineData("options[api-gpt-4.1-mini].input_per_million_usd", "USD per million tokens")]
    [InlineData("options[llama-8b-l4].pricing.per_gpu_hour_usd", "USD per GPU-hour")]
    [InlineData("options[x].pricing.per_instance_hour_usd", "USD per instance-hour")]
    [InlineData("options[llama-8b-l4].fixed_costs[inference platform engineer].loaded_salary_per_year_usd", "USD a year")]
    [InlineData("options[x].fixed_costs[0].monthly_usd", "USD a month")]
    [InlineData("options[x].one_time_costs[0].amount_usd", "USD")]
    [InlineData("workload.volume.growth.monthly_rate", "fraction per month")]
    [InlineData("finance.discount_rate_per_year", "fraction per year")]
    [InlineData("workload.volume.requests_per_day", "requests a day")]
    [InlineData("workload.classes[chat].output_tokens.mean", "tokens")]
    [InlineData("workload.classes[chat.v2].input_tokens.p95", "tokens")]
    [InlineData("options[x].spot.interruptions_per_hour", "an hour")]
    [InlineData("options[x].autoscaler.cold_start_s", "s")]
    [InlineData("options[api].output_tokens_per_s", "tokens per second")]
    [InlineData("options[x].autoscaler.weight_load_gb_per_s", "GB per second")]
    [InlineData("workload.classes[chat].input_tokens.tokens", "tokens")]
    [InlineData("options[x].engine.step_overhead_ms", "ms")]
    [InlineData("options[x].autoscaler.max_replicas", null)]
    [InlineData("price_events[API price cut].change", null)]
    [InlineData("options[x_usd].engine.compute_efficiency", null)]
    public void An_inputs_unit_is_read_from_the_last_key_of_its_path(string path, string? unit)
    {
        Assert.Equal(unit, InputUnits.Of(path));
        Assert.Equal(unit is null ? "growth" : $"growth ({unit})", InputUnits.Labelled("growth", path));
    }

    [Fact]
    public void A_label_that_says_its_unit_keeps_it_and_a_rate_reads_as_a_percentage()
    {
        Assert.Equal("L4 price per GPU-hour (USD)", InputUnits.Labelled("L4 price per GPU-hour", "options[l4].pricing.per_gpu_hour_usd"));
        Assert.Equal("L4 USD price per GPU-hour", InputUnits.Labelled("L4 USD price per GPU-hour", "options[l4].pricing.per_gpu_hour_usd"));
        Assert.Equal("mean answer tokens", InputUnits.Labelled("mean answer tokens", "workload.classes[chat].output_tokens.mean"));
        Assert.Equal("API input price (USD per million tokens)", InputUnits.Labelled("API input price", "options[api].input_per_million_usd"));
        Assert.Equal("14.47% per month", InputUnits.Value(0.1447, "workload.volume.growth.monthly_rate"));
        Assert.Equal("0.336 USD per million tokens", InputUnits.Value(0.336, "options[api].input_per_million_usd"));
        Assert.Equal("188,000 USD a year", InputUnits.Value(188_000, "options[x].fixed_costs[0].loaded_salary_per_year_usd"));
        Assert.Equal("12", InputUnits.Value(12, "options[x].autoscaler.max_replicas"));
        // A short unit is always given: "Cold start" holds an "s" by chance.
        Assert.Equal("Cold start (s)", InputUnits.Labelled("Cold start", "options[x].autoscaler.cold_start_s"));
        Assert.Equal("API speed (tokens per second)", InputUnits.Labelled("API speed", "options[api].output_tokens_per_s"));
    }

    [Theory]
    [InlineData(0.9715, "97.2%")]
    [InlineData(0.97149, "97.2%")]
    [InlineData(0.97145, "97.2%")]
    [InlineData(0.971449, "97.1%")]
    [InlineData(1, "100.0%")]
    [InlineData(0.9997, "99.97%")] // not "100.0%": chat-seed-stage's H100 kept 99.97% of requests within the SLO
    [InlineData(0.99994, "99.99%")]
    [InlineData(0.99996, "100.0%")] // stored (to 4 digits) as 1, as summary.json has it
    [InlineData(0.99944, "99.9%")]
    [InlineData(-0.00001, "0.0%")]
    public void Percent(double value, string expected) => Assert.Equal(expected, Fmt.Percent(value));

    [Theory]
    [InlineData(29_647.4, "$29,647")]
    [InlineData(29_646.5, "$29,647")]
    [InlineData(99.995, "$100")]
    [InlineData(12.5, "$12.50")]
    [InlineData(-1_200, "-$1,200")]
    [InlineData(-0.001, "$0.00")]
    public void Usd(double value, string expected) => Assert.Equal(expected, Fmt.Usd(value));

    [Theory]
    [InlineData(7.64349, "$7.64")]
    [InlineData(7.645, "$7.65")]
    [InlineData(0.88944, "$0.8894")]
    [InlineData(0.99996, "$1.00")]
    public void UnitCost(double value, string expected) => Assert.Equal(expected, Fmt.UsdPrecise(value));

    [Theory]
    [InlineData(1.006, "$1.006")]
    [InlineData(0.8048, "$0.8048")]
    [InlineData(2.86, "$2.86")]
    [InlineData(63.3, "$63.30")]
    [InlineData(1234.5, "$1,234.50")]
    [InlineData(0.123456, "$0.1235")]
    public void PricesReadAsTheCatalogListsThem(double value, string expected) => Assert.Equal(expected, Fmt.UsdPrice(value));

    [Theory]
    [InlineData(1214.5, "1,215 ms")]
    [InlineData(1214.46, "1,215 ms")]
    [InlineData(99.96, "100 ms")]
    [InlineData(8.45, "8.5 ms")]
    [InlineData(99_999, "99,999 ms")]
    [InlineData(133_628, "133,628 ms (2.2 min)")]
    [InlineData(7_700_000, "7,700,000 ms (2.1 h)")]
    [InlineData(200_000_000, "200,000,000 ms (2.3 days)")]
    public void Latency(double value, string expected) => Assert.Equal(expected, Fmt.Ms(value));

    [Fact]
    public void SignedChangeAndCount()
    {
        Assert.Equal("+4.0%", Fmt.SignedPercent(0.04));
        Assert.Equal("-12.5%", Fmt.SignedPercent(-0.125));
        Assert.Equal("0.0%", Fmt.SignedPercent(-0.00001));
        Assert.Equal("240,723", Fmt.Count(240_722.5));
        Assert.Equal("n/a", Fmt.Percent(double.NaN));
    }

    /// <summary>The property behind "97.1% here, 97.2% there": raw value and stored value read alike.</summary>
    [Fact]
    public void TheSimulatedAndTheStoredFigureReadAlike()
    {
        var random = new Random(20261204);
        for (int i = 0; i < 20_000; i++)
        {
            double share = random.NextDouble();
            double money = Math.Pow(10, random.NextDouble() * 8) * (random.Next(2) == 0 ? 1 : -1);
            double unit = Math.Pow(10, random.NextDouble() * 4 - 2);
            double ms = Math.Pow(10, random.NextDouble() * 5);
            // Values near a rounding edge are where two roundings part.
            double edge = Math.Round(share, 4) + 0.00005 * (random.Next(3) - 1) + 1e-12 * (random.Next(3) - 1);
            Assert.Equal(Fmt.Percent(share), Fmt.Percent(Fmt.Round(share, FigureFormat.ShareDigits)!.Value));
            Assert.Equal(Fmt.Percent(edge), Fmt.Percent(Fmt.Round(edge, FigureFormat.ShareDigits)!.Value));
            Assert.Equal(Fmt.Usd(money), Fmt.Usd(Fmt.Round(money, FigureFormat.MoneyDigits)!.Value));
            Assert.Equal(Fmt.UsdPrecise(unit), Fmt.UsdPrecise(Fmt.Round(unit, FigureFormat.UnitCostDigits)!.Value));
            Assert.Equal(Fmt.Ms(ms), Fmt.Ms(Fmt.Round(ms, FigureFormat.LatencyDigits)!.Value));
        }
    }

    [Fact]
    public void CultureDoesNotChangeAFigure()
    {
        string[] invariant = [Fmt.Usd(-1234.5), Fmt.UsdPrecise(0.12345), Fmt.Percent(0.5), Fmt.Ms(1234.5), Fmt.Count(1e6)];
        foreach (string culture in new[] { "de-DE", "ar-SA", "fr-FR" })
        {
            using var scope = new CultureScope(culture);
            string[] here = [Fmt.Usd(-1234.5), Fmt.UsdPrecise(0.12345), Fmt.Percent(0.5), Fmt.Ms(1234.5), Fmt.Count(1e6)];
            Assert.Equal(invariant, here);
        }
        Assert.Equal(new[] { "-$1,235", "$0.1235", "50.0%", "1,235 ms", "1,000,000" }, invariant);
    }
}
