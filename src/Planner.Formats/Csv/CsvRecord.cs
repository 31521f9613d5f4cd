namespace Planner.Formats.Csv;

/// <summary>One CSV record: its fields, unquoted, and the 1-based line it starts on (a quoted field may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    /// <summary>The field at <paramref name="index"/>, or empty when the record is shorter.</summary>
    public string this[int index] => index < Fields.Count ? Fields[index] : "";

    public int Count => Fields.Count;
}
