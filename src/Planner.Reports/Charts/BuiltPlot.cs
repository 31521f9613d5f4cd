using ScottPlot;

namespace Planner.Reports.Charts;

/// <summary>
/// A chart ready to draw: the ScottPlot plot, the notes on what lies off its scale, the text it
/// places in figure pixels and the ticks of its value axis (the last two for tests that check the
/// drawing without reading pixels back).
/// </summary>
internal sealed record BuiltPlot(Plot Plot, IReadOnlyList<string> Notes, IReadOnlyList<FigureText> Texts, AxisTicks ValueTicks) : IDisposable
{
    public void Dispose() => Plot.Dispose();
}
