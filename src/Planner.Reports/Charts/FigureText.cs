using ScottPlot;

namespace Planner.Reports.Charts;

/// <summary>
/// Text placed in figure pixels rather than data coordinates (titles, labels of markers and
/// reference lines, notes on what is off the scale), drawn after the plottables so that no line
/// crosses it.
/// </summary>
internal sealed record FigureText(string Text, float X, float Y, Alignment Alignment, float Size, Color Color, bool Bold = false, bool Backdrop = false);
