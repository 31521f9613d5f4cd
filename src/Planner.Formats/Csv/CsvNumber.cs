using System.Globalization;

namespace Planner.Formats.Csv;

/// <summary>Numbers as CSV cells: invariant culture, round-trippable, and the words files use for non-finite values.</summary>
public static class CsvNumber
{
    /// <summary>A whole number.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seven significant digits (enough for timings), <c>NaN</c> and <c>Infinity</c> spelled out.</summary>
    public static string Format7(double value) =>
        double.IsPositiveInfinity(value) ? "Infinity" : double.IsNaN(value) ? "NaN" : value.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back as the same double; empty for NaN and infinities.</summary>
    public static string RoundTrip(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>Parses an invariant-culture number, accepting <c>NaN</c> and <c>Infinity</c>.</summary>
    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses an invariant-culture whole number.</summary>
    public static bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
