using System.Globalization;

namespace Planner.Reports.Charts;

/// <summary>
/// Writes tick and value labels in the invariant culture. The number of decimals follows the
/// tick step, so labels on one axis line up ("$0.50, $1.00, $1.50", "0, 250, 500 ms").
/// </summary>
public static class AxisFormatter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Formats <paramref name="value"/> for an axis whose ticks are <paramref name="step"/> apart (0: judge by the value itself).</summary>
    public static string Format(double value, ValueFormat format, double step = 0)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }
        if (value == 0)
        {
            value = 0;
        }
        double resolution = step > 0 ? step : Math.Abs(value);
        return Format(value, format, resolution, pad: false);
    }

    /// <summary>A single value to three significant digits, trailing zeros kept ($3.20M, 45.0%), for labels on bars and points.</summary>
    public static string Significant(double value, ValueFormat format)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }
        if (format == ValueFormat.Milliseconds && Math.Abs(value) >= 1000)
        {
            // Read in seconds from a second, as the axes are.
            return Significant(value / 1000, ValueFormat.Number) + " s";
        }
        // Work in the unit the label is read in: percent points for percentages.
        double unit = format == ValueFormat.Percent ? 100 : 1;
        double a = Math.Abs(value) * unit;
        double resolution = a == 0 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(a)) - 2);
        if (format == ValueFormat.Currency && a < 1000)
        {
            // Money below a thousand is written to the cent at most, and whole from $100.
            resolution = Math.Max(resolution, a >= 100 ? 1 : 0.01);
        }
        return Format(value == 0 ? 0 : value, format, resolution / unit, pad: true);
    }

    private static string Format(double value, ValueFormat format, double resolution, bool pad)
    {
        Func<double, int, string> scaled = pad ? Fixed : Optional;
        return format switch
        {
            ValueFormat.Currency => Currency(value, resolution, scaled),
            ValueFormat.Percent => Fixed(value * 100, DecimalsOf(resolution * 100)) + "%",
            ValueFormat.Si => Si(value, resolution, scaled),
            // One unit per axis: seconds once ticks are a second or more apart.
            ValueFormat.Milliseconds => resolution >= 1000
                ? scaled(value / 1000, DecimalsOf(resolution / 1000)) + " s"
                : Fixed(value, DecimalsOf(resolution)) + " ms",
            ValueFormat.HourOfDay => Hour(value),
            _ => Fixed(value, DecimalsOf(resolution)),
        };
    }

    /// <summary>How many decimals show <paramref name="step"/> exactly (up to 6): 0.25 → 2, 5 → 0.</summary>
    public static int DecimalsOf(double step)
    {
        step = Math.Abs(step);
        if (step == 0 || !double.IsFinite(step))
        {
            return 0;
        }
        for (int d = 0; d < 6; d++)
        {
            double scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled))
            {
                return d;
            }
        }
        return 6;
    }

    private static string Currency(double value, double resolution, Func<double, int, string> scaled)
    {
        string sign = value < 0 ? "-" : "";
        double a = Math.Abs(value);
        if (a >= 1e9)
        {
            return sign + "$" + scaled(a / 1e9, DecimalsOf(resolution / 1e9)) + "B";
        }
        if (a >= 1e6)
        {
            return sign + "$" + scaled(a / 1e6, DecimalsOf(resolution / 1e6)) + "M";
        }
        if (a >= 1e3)
        {
            return sign + "$" + scaled(a / 1e3, DecimalsOf(resolution / 1e3)) + "K";
        }
        // Below a thousand, cents are written in full or not at all ($0.50, not $0.5).
        int decimals = DecimalsOf(resolution);
        decimals = decimals == 0 ? 0 : Math.Max(2, decimals);
        return sign + "$" + Fixed(a, decimals);
    }

    private static string Si(double value, double resolution, Func<double, int, string> scaled)
    {
        string sign = value < 0 ? "-" : "";
        double a = Math.Abs(value);
        (double scale, string prefix) = a switch
        {
            >= 1e9 => (1e9, "G"),
            >= 1e6 => (1e6, "M"),
            >= 1e3 => (1e3, "k"),
            _ => (1, ""),
        };
        string number = scale == 1 ? Fixed(a, DecimalsOf(resolution)) : scaled(a / scale, DecimalsOf(resolution / scale));
        return sign + number + prefix;
    }

    private static string Hour(double hours)
    {
        int minutes = (int)Math.Round(hours * 60);
        int h = (int)Math.Floor(minutes / 60.0);
        int m = minutes - h * 60;
        return h.ToString("00", C) + ":" + m.ToString("00", C);
    }

    private static string Fixed(double v, int decimals) => v.ToString("#,##0" + (decimals > 0 ? "." + new string('0', decimals) : ""), C);

    private static string Optional(double v, int decimals) => v.ToString("#,##0" + (decimals > 0 ? "." + new string('#', decimals) : ""), C);
}
