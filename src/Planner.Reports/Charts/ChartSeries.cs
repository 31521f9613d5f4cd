namespace Planner.Reports.Charts;

/// <summary>A named series of points; its colour comes from its position in the chart unless set.</summary>
public sealed record ChartSeries
{
    public required string Name { get; init; }
    public required IReadOnlyList<ChartPoint> Points { get; init; }
    public SeriesStyle Style { get; init; } = SeriesStyle.Solid;
    /// <summary>Index into <see cref="Palette.Series"/>; null takes the series' position.</summary>
    public int? ColorIndex { get; init; }
}
