using System.Globalization;

namespace Planner.Reports.Formatting;

/// <summary>
/// Invariant-culture number formatting shared by every writer. NaN is a figure that does not
/// apply (a latency of a month without requests) and is written "n/a" or null; an infinite figure
/// is a bug and throws <see cref="NonFiniteFigureException"/>.
/// </summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Usd(double v) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString(Math.Abs(v) >= 100 ? "$#,##0" : "$#,##0.00", C);

    public static string UsdPrecise(double v) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString(Math.Abs(v) >= 1 ? "$#,##0.00" : "$0.0000", C);

    public static string Count(double v) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString("#,##0", C);

    public static string Percent(double v) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString("0.0%", C);

    public static string Ms(double v) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString(v >= 100 ? "#,##0" : "0.0", C) + " ms";

    public static string Month(DateOnly d) => d.ToString("yyyy-MM", C);

    public static string Number(double v, string format) => double.IsNaN(Finite(v)) ? "n/a" : v.ToString(format, C);

    /// <summary>Rounds for machine output; NaN (a figure that does not apply) becomes null.</summary>
    /// <exception cref="NonFiniteFigureException">The value is infinite.</exception>
    public static double? Round(double v, int digits) => double.IsNaN(Finite(v)) ? null : Math.Round(v, digits, MidpointRounding.AwayFromZero);

    /// <summary>The value itself, unless it is infinite.</summary>
    /// <exception cref="NonFiniteFigureException">The value is infinite.</exception>
    public static double Finite(double v) => double.IsInfinity(v) ? throw NonFiniteFigureException.For(v) : v;
}
