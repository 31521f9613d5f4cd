namespace Planner.Reports.Narrative;

/// <summary>
/// A table in plain text, so the HTML and the Markdown report show the same cells; each writer
/// escapes them for its format. <see cref="Numeric"/> marks right-aligned columns.
/// </summary>
internal sealed record TextTable(IReadOnlyList<string> Headers, IReadOnlyList<bool> Numeric, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Builds a table from (header, numeric) columns.</summary>
    public static TextTable Of(IReadOnlyList<(string Header, bool Numeric)> columns, IEnumerable<IReadOnlyList<string>> rows) =>
        new([.. columns.Select(c => c.Header)], [.. columns.Select(c => c.Numeric)], [.. rows]);
}
