using System.Globalization;

namespace Planner.Core.Formatting;

/// <summary>
/// The one way each kind of figure is written for people: money, unit cost, share, latency and
/// count. Every writer (console, report text, cards, tables, CSV for people) goes through it, so
/// that a figure reads the same everywhere. Each kind is first rounded to the precision it is
/// stored with in summary.json (<see cref="Store"/>), with midpoints away from zero in decimal
/// arithmetic; a figure formatted from the simulation's value and the same figure read back from
/// summary.json therefore give the same text (0.97149 and its stored 0.9715 both read "97.2%").
/// Invariant culture throughout; non-finite values are the caller's to handle.
/// </summary>
public static class FigureFormat
{
    /// <summary>Decimals money is stored with (cents).</summary>
    public const int MoneyDigits = 2;

    /// <summary>Decimals a unit cost (per 1K requests, per 1M tokens) is stored with.</summary>
    public const int UnitCostDigits = 4;

    /// <summary>Decimals a share (SLO attainment, utilization, margin) is stored with, as a fraction.</summary>
    public const int ShareDigits = 4;

    /// <summary>Decimals a latency in milliseconds is stored with.</summary>
    public const int LatencyDigits = 1;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly NumberFormatInfo Dollars = CreateDollars();

    /// <summary>
    /// US dollars: whole dollars from $100 ("$29,647"), cents below ("$12.50"). The sign goes
    /// before the symbol ("-$1,200"). Formatted with a copy of the invariant culture's number
    /// format whose currency symbol is "$", because the invariant culture's own is "¤".
    /// </summary>
    public static string Usd(double v)
    {
        double cents = Store(v, MoneyDigits);
        return Math.Abs(cents) >= 100 ? Store(cents, 0).ToString("C0", Dollars) : cents.ToString("C2", Dollars);
    }

    /// <summary>An amount as <see cref="Usd"/> shows it: whole dollars from $100, cents below.</summary>
    public static double ShownUsd(double v)
    {
        double cents = Store(v, MoneyDigits);
        return Math.Abs(cents) >= 100 ? Store(cents, 0) : cents;
    }

    /// <summary>
    /// <paramref name="a"/> − <paramref name="b"/> as the two amounts are shown (<see cref="ShownUsd"/>),
    /// so that a difference stated beside them adds up by hand: $1,817,449.48 and $1,459,931.54 are
    /// shown as $1,817,449 and $1,459,932, and $357,517.94 apart was stated as $357,518, a dollar
    /// more than the shown figures' difference.
    /// </summary>
    public static double ShownDifferenceUsd(double a, double b) => ShownUsd(a) - ShownUsd(b);

    /// <summary>
    /// How far apart <paramref name="a"/> and <paramref name="b"/> are as shown (a tornado's swing
    /// beside the savings at both ends): −$109,217 and $215,402 are $324,619 apart, where the
    /// unrounded swing, $324,618.49, was shown as $324,618.
    /// </summary>
    public static double ShownSpanUsd(double a, double b) => Math.Abs(ShownDifferenceUsd(a, b));

    /// <summary>
    /// <see cref="ShownSpanUsd"/> written as its two amounts are: in whole dollars where both are
    /// ("$0", not "$0.00", between −$22,059 and −$22,059), else as <see cref="Usd"/>.
    /// </summary>
    public static string UsdSpan(double a, double b)
    {
        double span = ShownSpanUsd(a, b);
        return Math.Abs(ShownUsd(a)) >= 100 && Math.Abs(ShownUsd(b)) >= 100 ? span.ToString("C0", Dollars) : Usd(span);
    }

    /// <summary>A unit cost: to the cent from $1 ("$7.64"), to four decimals below ("$0.8894").</summary>
    public static string UsdPrecise(double v)
    {
        double stored = Store(v, UnitCostDigits);
        return Math.Abs(stored) >= 1 ? Store(stored, 2).ToString("C2", Dollars) : stored.ToString("C4", Dollars);
    }

    /// <summary>
    /// A price per hour as a catalog states it: cents, and the two further decimals a price may
    /// carry ("$1.006", "$0.8048", "$2.86"), so that a listed price reads as listed.
    /// </summary>
    public static string UsdPrice(double v) => Store(v, UnitCostDigits).ToString("$#,##0.00##;-$#,##0.00##", C);

    /// <summary>A count with its noun, singular for one ("1 mix", "2 mixes", "1,024 configurations").</summary>
    public static string Counted(long count, string singular, string plural) =>
        count.ToString("#,##0", C) + " " + (count == 1 ? singular : plural);

    /// <summary>
    /// A share as a percentage with one decimal ("97.2%"); a share short of all that one decimal
    /// would round up to "100.0%" keeps two, rounded down ("99.97%" of requests within the SLO,
    /// not "100.0%", which would read as every one of them).
    /// </summary>
    public static string Percent(double fraction)
    {
        double stored = Store(fraction, ShareDigits);
        double shown = Store(stored * 100, 1) / 100;
        return shown >= 1 && stored < 1
            ? (Math.Floor(stored * 10_000) / 10_000).ToString("0.00%", C)
            : shown.ToString("0.0%", C);
    }

    /// <summary>A signed change as a percentage with one decimal ("+4.0%", "-12.5%").</summary>
    public static string SignedPercent(double fraction) =>
        (Store(Store(fraction, ShareDigits) * 100, 1) / 100).ToString("+0.0%;-0.0%;0.0%", C);

    /// <summary>
    /// A latency: whole milliseconds from 100 ms ("1,215 ms"), one decimal below ("8.5 ms"); from
    /// 100 s on, the same in minutes, hours or days beside it, so that a saturated fleet's wait
    /// reads as what it is ("7,700,000 ms (2.1 h)").
    /// </summary>
    public static string Ms(double milliseconds)
    {
        double stored = Store(milliseconds, LatencyDigits);
        if (Math.Abs(stored) < 100)
        {
            return stored.ToString("0.0", C) + " ms";
        }
        string ms = Store(stored, 0).ToString("#,##0", C) + " ms";
        double seconds = Math.Abs(stored) / 1000;
        return seconds < 100 ? ms
            : seconds < 3600 ? ms + " (" + (seconds / 60).ToString("0.0", C) + " min)"
            : seconds < 48 * 3600 ? ms + " (" + (seconds / 3600).ToString("0.0", C) + " h)"
            : ms + " (" + (seconds / 86400).ToString("0.0", C) + " days)";
    }

    /// <summary>A count, whole, with thousands separators ("240,722").</summary>
    public static string Count(double v) => Store(v, 0).ToString("#,##0", C);

    /// <summary>
    /// <paramref name="v"/> rounded to <paramref name="digits"/> decimals, midpoints away from zero,
    /// as written into summary.json. Decimal arithmetic (15 significant digits) keeps a value such
    /// as 0.97145, held in binary as 0.971449999…, rounding the way it reads.
    /// </summary>
    public static double Store(double v, int digits)
    {
        if (!double.IsFinite(v))
        {
            return v;
        }
        // Decimal holds up to about 7.9e28; figures beyond that are rounded in binary (still exact to the digit shown).
        double rounded = Math.Abs(v) < 1e20
            ? (double)Math.Round((decimal)v, digits, MidpointRounding.AwayFromZero)
            : Math.Round(v, digits, MidpointRounding.AwayFromZero);
        // No "-0": a figure that rounds to zero is written without a sign.
        return rounded == 0 ? 0 : rounded;
    }

    private static NumberFormatInfo CreateDollars()
    {
        var format = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        format.CurrencySymbol = "$";
        // "-$1,200" rather than the invariant culture's "($1,200)".
        format.CurrencyNegativePattern = 1;
        format.CurrencyPositivePattern = 0;
        return NumberFormatInfo.ReadOnly(format);
    }
}
