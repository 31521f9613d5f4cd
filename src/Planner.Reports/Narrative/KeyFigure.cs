namespace Planner.Reports.Narrative;

/// <summary>One headline number of the executive summary, with what it is and where it comes from.</summary>
internal sealed record KeyFigure(string Label, string Value, string Note);
