namespace Planner.Reports.Charts;

/// <summary>
/// The font charts are drawn with is not installed. Thrown rather than drawing charts without
/// text, which is what the plotting library does when it finds no font.
/// </summary>
public sealed class ChartFontMissingException : InvalidOperationException
{
    public ChartFontMissingException()
        : base("the chart font is missing: " + ChartFonts.InstallHint)
    {
    }

    public ChartFontMissingException(string message)
        : base(message)
    {
    }

    public ChartFontMissingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
