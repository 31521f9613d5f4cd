namespace Planner.Reports.Charts;

/// <summary>Everything needed to draw one chart; <see cref="ChartRenderer"/> draws it as SVG and PNG.</summary>
public sealed record ChartSpec
{
    /// <summary>Stable identifier: the file name stem in charts/ and the prefix of element ids.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>A sentence or two for screen readers (the SVG's &lt;desc&gt;) that states what the chart shows.</summary>
    public required string Description { get; init; }
    public ChartKind Kind { get; init; } = ChartKind.Line;
    public required ChartAxis X { get; init; }
    public required ChartAxis Y { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; init; } = [];
    /// <summary>Show the legend; null shows it when there are two series or more.</summary>
    public bool? Legend { get; init; }
    /// <summary>Where the bars of a <see cref="ChartKind.Tornado"/> (or <see cref="ChartKind.Bar"/>) start; null starts them at zero.</summary>
    public double? BarBase { get; init; }
    /// <summary>Write each bar's value above it (bar charts with few bars).</summary>
    public bool ValueLabels { get; init; }
    public int Width { get; init; } = 560;
    public int Height { get; init; } = 340;
}
