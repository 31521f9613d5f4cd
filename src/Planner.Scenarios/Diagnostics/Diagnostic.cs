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

    /// <summary>How many problems it stands for: 1, or more for one that sums up those not listed ("12 more malformed rows not listed").</summary>
    public int Count { get; init; } = 1;

    /// <summary>True for the warning that a price is old enough to be stale (the console sums these up in one line).</summary>
    public bool IsStalePrice => Severity == DiagnosticSeverity.Warning && Allowed == Messages.StaleHint;

    /// <summary>
    /// Formats as <c>FILE:LINE:COL: error: MESSAGE (ALLOWED)</c>, the form compilers use, so editors
    /// can jump to it. A control character a file put into the text (a value quoted back) is shown as
    /// its code point, <c>U+001B</c>: raw, an escape sequence in a scenario's value cleared the user's
    /// terminal and retitled its window when the error was printed.
    /// </summary>
    public override string ToString()
    {
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        string text = string.Create(
            CultureInfo.InvariantCulture,
            $"{File}:{Line}:{Column}: {severity}: {Message}");
        return Printable(Allowed is null ? text : $"{text} ({Allowed})");
    }

    /// <summary><paramref name="text"/> with every control character written as its code point (<c>U+0007</c>).</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var b = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            b.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : c.ToString());
        }
        return b.ToString();
    }
}
