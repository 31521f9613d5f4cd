namespace Planner.Reports.Charts;

/// <summary>A named series of points; its colour comes from its position in the chart unless set.</summary>
public sealed record ChartSeries
{
    public required string Name { get; init; }
    /// <summary>The values; for a <see cref="SeriesKind.Band"/>, its upper edge.</summary>
    public required IReadOnlyList<ChartPoint> Points { get; init; }
    public SeriesStyle Style { get; init; } = SeriesStyle.Solid;
    /// <summary>Index into <see cref="Palette.Series"/>; null takes the series' position.</summary>
    public int? ColorIndex { get; init; }
    public SeriesKind Kind { get; init; } = SeriesKind.Line;
    /// <summary>Lower edge of a <see cref="SeriesKind.Band"/>, at the same X values as <see cref="Points"/>.</summary>
    public IReadOnlyList<ChartPoint>? Lower { get; init; }
    /// <summary>Whether the legend lists the series; a band that shares its colour with a line need not.</summary>
    public bool InLegend { get; init; } = true;
}
