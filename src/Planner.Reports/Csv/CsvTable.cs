using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Planner.Formats.Csv;

namespace Planner.Reports.Csv;

/// <summary>
/// Writes typed rows as CSV through Planner's one CSV layer (<see cref="CsvFile"/>): a snake_case
/// header from the record's properties in declaration order, invariant-culture numbers, empty cells
/// for nulls and non-finite numbers.
/// </summary>
public static class CsvTable
{
    public static string Write<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PropertyInfo[] columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.MetadataToken).ToArray();
        string[] header = columns.Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.Name)).ToArray();
        return CsvFile.Write(header, rows.Select(row => (IReadOnlyList<string>)columns.Select(c => Cell(c.GetValue(row))).ToArray()));
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => CsvNumber.RoundTrip(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
