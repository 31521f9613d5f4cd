using System.Globalization;
using Planner.Formats.Csv;

namespace Planner.Calibration.Validation;

/// <summary>
/// Reads a steps CSV (<c>phase,batch,query_tokens,context_tokens,ms,execution[,…]</c>); every bad
/// row is reported as <c>path:line: error: …</c>.
/// </summary>
public static class MeasuredStepReader
{
    private static readonly string[] Columns = ["phase", "batch", "query_tokens", "context_tokens", "ms", "execution"];

    public static IReadOnlyList<MeasuredStep> Read(string path, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvFile.ReadFile(path);
        }
        catch (CsvSyntaxException e)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{Math.Max(1, e.Line)}: error: {e.Message}"));
            return [];
        }
        var steps = new List<MeasuredStep>();
        if (records.Count == 0)
        {
            errors.Add($"{path}:1: error: empty file (expected the header {string.Join(",", Columns)})");
            return steps;
        }
        var index = records[0].Fields.Select((name, i) => (name: name.Trim(), i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        string[] missing = Columns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{records[0].Line}: error: missing column(s) {string.Join(", ", missing)} (expected: {string.Join(",", Columns)})"));
            return steps;
        }
        foreach (CsvRecord record in records.Skip(1))
        {
            string Field(string name) => index[name] < record.Fields.Count ? record.Fields[index[name]].Trim() : "";
            int before = errors.Count;
            void Error(string message) => errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{record.Line}: error: {message}"));
            string phase = Field("phase");
            if (phase is not ("prefill" or "decode"))
            {
                Error($"phase '{phase}' is not one of prefill, decode");
            }
            int batch = PositiveInt(Field("batch"), "batch", Error);
            int query = PositiveInt(Field("query_tokens"), "query_tokens", Error);
            int context = PositiveInt(Field("context_tokens"), "context_tokens", Error);
            if (!double.TryParse(Field("ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) || !(ms > 0) || !double.IsFinite(ms))
            {
                Error($"ms '{Field("ms")}' must be a positive number");
            }
            if (errors.Count == before)
            {
                steps.Add(new MeasuredStep(phase, batch, query, context, ms, Field("execution")));
            }
        }
        return steps;
    }

    private static int PositiveInt(string text, string column, Action<string> error)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            return n;
        }
        error($"{column} '{text}' must be a positive whole number");
        return 0;
    }
}
