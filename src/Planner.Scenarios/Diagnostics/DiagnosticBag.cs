namespace Planner.Scenarios.Diagnostics;

/// <summary>Collects findings while a file is read; nothing stops at the first error.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Any(d => d.IsError);

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Error(string file, int line, int column, string message, string? allowed = null, int count = 1) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Error, file, line, column, message, allowed) { Count = count });

    public void Warning(string file, int line, int column, string message, string? allowed = null) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Warning, file, line, column, message, allowed));

    /// <summary>Files in the order they were first mentioned, each sorted by position, so output reads top to bottom.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList()
    {
        var fileOrder = new List<string>();
        foreach (Diagnostic d in _items)
        {
            if (!fileOrder.Contains(d.File))
            {
                fileOrder.Add(d.File);
            }
        }
        return _items
            .OrderBy(d => fileOrder.IndexOf(d.File))
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToList();
    }
}
