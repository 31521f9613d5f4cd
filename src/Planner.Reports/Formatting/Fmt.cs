using System.Globalization;
using Planner.Core.Formatting;

namespace Planner.Reports.Formatting;

/// <summary>
/// Invariant-culture number formatting shared by every writer; each kind of figure is written by
/// <see cref="FigureFormat"/>, which the console and the recommendation use too. NaN is a figure that does not
/// apply (a latency of a month without requests) and is written "n/a" or null; an infinite figure
/// is a bug and throws <see cref="NonFiniteFigureException"/>.
/// </summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Money: whole dollars from $100, cents below (<see cref="FigureFormat.Usd"/>).</summary>
    public static string Usd(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.Usd(v);

    /// <summary>A unit cost such as per 1K requests (<see cref="FigureFormat.UsdPrecise"/>).</summary>
    public static string UsdPrecise(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.UsdPrecise(v);

    /// <summary>A price per hour as the catalog lists it (<see cref="FigureFormat.UsdPrice"/>).</summary>
    public static string UsdPrice(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.UsdPrice(v);

    public static string Count(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.Count(v);

    /// <summary>A share (SLO attainment, utilization, margin) as a percentage with one decimal.</summary>
    /// <summary>
    /// A probability in whole percent, never rounding a possibility away ("under 1%", "over 99%"):
    /// the console's Monte Carlo table and the report's say the same (they read 61.5% and 62%).
    /// </summary>
    public static string Probability(double p) => p switch
    {
        <= 0 => "0%",
        < 0.01 => "under 1%",
        >= 1 => "100%",
        > 0.99 => "over 99%",
        _ => p.ToString("0%", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Shares of one whole (each option's share of the samples where it is cheapest) as
    /// <see cref="Probability"/> writes them, the whole percents apportioned by largest remainder so
    /// that they add up to 100% as shown: 61.5%, 33.5% and 5% are 62%, 33% and 5%, not 62%, 34% and 5%.
    /// Equal remainders go to the share listed first. Shares with a part under 1% or over 99%
    /// (which <see cref="Probability"/> writes "under 1%" and "over 99%") are written each on its own.
    /// </summary>
    public static IReadOnlyList<string> Shares(IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        double total = shares.Sum();
        // summary.json keeps each share to four decimals: three thirds read 0.3333 each, 0.9999 in all.
        if (shares.Count == 0 || Math.Abs(total - 1) > 1e-9 + shares.Count * 5e-5 || shares.Any(p => p < 0 || double.IsNaN(p))
            || shares.Any(p => p is > 0 and < 0.01 or > 0.99 and < 1))
        {
            // Not a whole's parts, or one that Probability writes in words ("under 1%"): each on its own.
            return [.. shares.Select(Probability)];
        }
        int[] whole = [.. shares.Select(p => (int)Math.Floor(p * 100 + 1e-9))];
        int left = 100 - whole.Sum();
        foreach (int i in Enumerable.Range(0, shares.Count).OrderByDescending(i => Math.Round(shares[i] * 100 - whole[i], 9)).ThenBy(i => i).Take(Math.Max(0, left)))
        {
            whole[i]++;
        }
        return [.. shares.Select((p, i) => p switch
        {
            <= 0 => "0%",
            >= 1 => "100%",
            _ => whole[i].ToString(C) + "%",
        })];
    }

    public static string Percent(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.Percent(v);

    /// <summary>A signed change as a percentage with one decimal ("+4.0%").</summary>
    public static string SignedPercent(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.SignedPercent(v);

    public static string Ms(double v) => double.IsNaN(Finite(v)) ? "n/a" : FigureFormat.Ms(v);

    public static string Month(DateOnly d) => d.ToString("yyyy-MM", C);

    /// <summary>An input value to four significant digits, with thousands separators from 1,000 (188,000, not 1.88E+05).</summary>
    public static string InputValue(double v) => Math.Abs(v) >= 1000 ? Number(v, "#,##0") : Number(v, "G4");

    public static string Number(double v, string format) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString(format, C);

    /// <summary>Rounds for machine output; NaN (a figure that does not apply) becomes null.</summary>
    /// <exception cref="NonFiniteFigureException">The value is infinite.</exception>
    public static double? Round(double v, int digits) => double.IsNaN(Finite(v)) ? null : FigureFormat.Store(v, digits);

    /// <summary>The value itself, unless it is infinite.</summary>
    /// <exception cref="NonFiniteFigureException">The value is infinite.</exception>
    public static double Finite(double v) => double.IsInfinity(v) ? throw NonFiniteFigureException.For(v) : v;
}
