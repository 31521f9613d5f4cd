using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Planner.Reports.Csv;

/// <summary>
/// Writes typed rows as RFC 4180 CSV: a snake_case header from the record's properties in
/// declaration order, invariant-culture numbers, empty cells for nulls, quoting where needed.
/// </summary>
public static class CsvTable
{
    public static string Write<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PropertyInfo[] columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.MetadataToken).ToArray();
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => Quote(JsonNamingPolicy.SnakeCaseLower.ConvertName(c.Name)))).Append('\n');
        foreach (T row in rows)
        {
            sb.AppendJoin(',', columns.Select(c => Quote(Cell(c.GetValue(row))))).Append('\n');
        }
        return sb.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
