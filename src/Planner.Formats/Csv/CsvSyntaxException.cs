namespace Planner.Formats.Csv;

/// <summary>Text that is not CSV (a quoted field never closed, a stray quote); the message names the line.</summary>
public sealed class CsvSyntaxException : Exception
{
    public CsvSyntaxException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public CsvSyntaxException(string message)
        : base(message)
    {
    }

    public CsvSyntaxException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CsvSyntaxException()
        : this("malformed CSV")
    {
    }

    /// <summary>The 1-based line where the malformed record starts (0 when not known).</summary>
    public int Line { get; }
}
