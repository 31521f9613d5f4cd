namespace Planner.Reports.Pdf;

/// <summary>Keeps the last non-empty line of a browser's error output, written from its reader thread, for an error message.</summary>
internal sealed class LastLine
{
    private readonly Lock _gate = new();
    private string? _value;

    /// <summary>The last non-empty line offered, trimmed; null before any.</summary>
    public string? Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Keeps <paramref name="line"/> unless it is empty or blank.</summary>
    public void Offer(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }
        lock (_gate)
        {
            _value = line.Trim();
        }
    }
}
