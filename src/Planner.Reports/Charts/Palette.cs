namespace Planner.Reports.Charts;

/// <summary>
/// The Okabe–Ito palette, distinguishable with the common forms of colour blindness. Yellow is
/// left out of the series colours because it is too light on white for lines.
/// </summary>
public static class Palette
{
    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string BluishGreen = "#009E73";
    public const string Vermillion = "#D55E00";
    public const string ReddishPurple = "#CC79A7";
    public const string SkyBlue = "#56B4E9";
    public const string Yellow = "#F0E442";
    public const string Black = "#000000";

    /// <summary>Series colours in the order they are handed out.</summary>
    public static IReadOnlyList<string> Series { get; } = [Blue, Orange, BluishGreen, Vermillion, ReddishPurple, SkyBlue, Black];

    /// <summary>The colour of the series at <paramref name="index"/>, cycling when there are more series than colours.</summary>
    public static string ForSeries(int index) => Series[((index % Series.Count) + Series.Count) % Series.Count];
}
