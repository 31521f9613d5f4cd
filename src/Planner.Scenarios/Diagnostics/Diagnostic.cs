using System.Globalization;

namespace Planner.Scenarios.Diagnostics;

/// <summary>
/// One finding about a scenario or catalog file, with the position it refers to and, when
/// there is one, what would have been accepted.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="File">The file as the caller named it (relative paths stay relative).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Allowed">What is allowed or what was probably meant, printed in parentheses; null when there is nothing to add.</param>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string File,
    int Line,
    int Column,
    string Message,
    string? Allowed)
{
    /// <summary>True for errors.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>True for the warning that a price is old enough to be stale (the console sums these up in one line).</summary>
    public bool IsStalePrice => Severity == DiagnosticSeverity.Warning && Allowed == Messages.StaleHint;

    /// <summary>Formats as <c>FILE:LINE:COL: error: MESSAGE (ALLOWED)</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        string text = string.Create(
            CultureInfo.InvariantCulture,
            $"{File}:{Line}:{Column}: {severity}: {Message}");
        return Allowed is null ? text : $"{text} ({Allowed})";
    }
}
