namespace Planner.Reports.Formatting;

/// <summary>
/// The unit of an uncertain input's values, read from the last key of its path in the scenario
/// (the project names units in its keys: <c>per_gpu_hour_usd</c>, <c>monthly_rate</c>), so that a
/// table of inputs says what "0.336 → 0.464" is counted in.
/// </summary>
public static class InputUnits
{
    /// <summary>Key endings and their units, the more specific first.</summary>
    private static readonly (string Ending, string Unit)[] Endings =
    [
        ("_per_million_usd", "USD per million tokens"),
        ("per_gpu_hour_usd", "USD per GPU-hour"),
        ("per_instance_hour_usd", "USD per instance-hour"),
        ("_per_year_usd", "USD a year"),
        ("monthly_usd", "USD a month"),
        ("_usd", "USD"),
        ("monthly_rate", FractionPerMonth),
        ("_per_year", FractionPerYear),
        ("requests_per_day", "requests a day"),
        ("_per_hour", "an hour"),
        ("tokens_per_s", "tokens per second"),
        ("gb_per_s", "GB per second"),
        ("_per_s", "per second"),
        ("_ms", "ms"),
        ("_s", "s"),
        ("_gb", "GB"),
    ];

    private const string FractionPerMonth = "fraction per month";
    private const string FractionPerYear = "fraction per year";

    /// <summary>The statistics a token-length distribution is given by.</summary>
    private static readonly string[] TokenStatistics = ["mean", "median", "sd", "p95", "min", "max", "tokens"];

    /// <summary>The unit of the value at <paramref name="path"/>, or null where its key names none (a count, a share).</summary>
    public static string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] keys = KeysOf(path);
        if (keys.Length == 0)
        {
            return null;
        }
        string last = keys[^1];
        if (keys.Length > 1 && keys[^2].EndsWith("_tokens", StringComparison.Ordinal) && TokenStatistics.Contains(last, StringComparer.Ordinal))
        {
            return "tokens";
        }
        foreach ((string ending, string unit) in Endings)
        {
            if (last.EndsWith(ending, StringComparison.Ordinal))
            {
                return unit;
            }
        }
        return null;
    }

    /// <summary>
    /// The input's label with its unit: "API input price (USD per million tokens)"; with the
    /// currency alone where the label says the rest ("L4 price per GPU-hour (USD)"), and as it is
    /// where it says all of it.
    /// </summary>
    public static string Labelled(string label, string path)
    {
        ArgumentNullException.ThrowIfNull(label);
        // Only a unit of some words can be read in a label ("price per GPU-hour"): "s" or "ms" is in most labels by chance.
        // Where the label says what the price is per ("L4 price per GPU-hour"), the currency alone is added.
        string? unit = Of(path);
        if (unit is null)
        {
            return label;
        }
        bool dollars = unit.StartsWith("USD ", StringComparison.Ordinal);
        string words = dollars ? unit["USD ".Length..] : unit;
        bool said = words.Length >= 6 && label.Contains(words, StringComparison.OrdinalIgnoreCase);
        return !said ? $"{label} ({unit})"
            : dollars && !label.Contains("USD", StringComparison.OrdinalIgnoreCase) ? $"{label} (USD)"
            : label;
    }

    /// <summary>
    /// A value of the input with its unit, for a sentence: a rate as a percentage ("14.47% per
    /// month"), anything else as <see cref="Fmt.InputValue"/> writes it and its unit ("0.336 USD per million tokens").
    /// </summary>
    public static string Value(double value, string path) => Of(path) switch
    {
        FractionPerMonth => Fmt.InputValue(value * 100) + "% per month",
        FractionPerYear => Fmt.InputValue(value * 100) + "% per year",
        string unit => Fmt.InputValue(value) + " " + unit,
        null => Fmt.InputValue(value),
    };

    /// <summary>The path's mapping keys, without the list selectors in brackets (whose names may hold dots).</summary>
    private static string[] KeysOf(string path)
    {
        var text = new System.Text.StringBuilder(path.Length);
        int depth = 0;
        foreach (char c in path)
        {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth == 0 && c != ']')
            {
                text.Append(c);
            }
        }
        return text.ToString().Split('.', StringSplitOptions.RemoveEmptyEntries);
    }
}
