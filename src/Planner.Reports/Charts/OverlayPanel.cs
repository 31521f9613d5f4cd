using ScottPlot;

namespace Planner.Reports.Charts;

/// <summary>
/// A ScottPlot panel that draws the chart's own text and legend in figure pixels. ScottPlot
/// renders panels after the plottables and without clipping them to the data area, so labels
/// stay on top of lines and may sit above the plot. The layout is fixed by <see cref="PlotBuilder"/>,
/// so the panel takes no room of its own.
/// </summary>
internal sealed class OverlayPanel(IReadOnlyList<FigureText> texts, Legend? legend, PixelRect legendRect) : IPanel
{
    public bool IsVisible { get; set; } = true;

    public float MinimumSize { get; set; }

    public float MaximumSize { get; set; }

    public Edge Edge => Edge.Top;

    public bool ShowDebugInformation { get; set; }

    public float Measure(Paint paint) => 0;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) => dataRect;

    public void Render(RenderPack rp, float size, float offset)
    {
        if (legend is not null)
        {
            legend.Render(rp.Canvas, rp.Paint, legendRect, Alignment.UpperLeft);
        }
        foreach (FigureText t in texts)
        {
            var style = new LabelStyle
            {
                FontName = ChartFonts.Family,
                FontSize = t.Size,
                Bold = t.Bold,
                ForeColor = t.Color,
                Alignment = t.Alignment,
                BackgroundColor = t.Backdrop ? Colors.White.WithOpacity(0.85) : Colors.Transparent,
                Padding = t.Backdrop ? 2 : 0,
            };
            style.Render(rp.Canvas, new Pixel(t.X, t.Y), rp.Paint, t.Text);
        }
    }
}
