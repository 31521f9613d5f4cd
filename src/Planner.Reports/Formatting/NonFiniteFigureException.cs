namespace Planner.Reports.Formatting;

/// <summary>
/// An infinite figure reached a report. Scenario inputs are bounded so that every total stays
/// finite (scenarios/README.md, "Limits"), so this is a bug in Planner, not a user's mistake: it
/// is thrown rather than written as <c>null</c> or "Infinity" into a report people act on.
/// </summary>
public sealed class NonFiniteFigureException : InvalidOperationException
{
    public NonFiniteFigureException()
        : base("a report figure is infinite")
    {
    }

    public NonFiniteFigureException(string message)
        : base(message)
    {
    }

    public NonFiniteFigureException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The exception for one value.</summary>
    public static NonFiniteFigureException For(double value) =>
        new($"a report figure is {(double.IsPositiveInfinity(value) ? "+" : "-")}infinite: an input that should have been refused was let through (a bug in Planner; please report it with the scenario)");
}
