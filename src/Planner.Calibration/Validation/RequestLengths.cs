using System.Globalization;
using Planner.Formats.Csv;

namespace Planner.Calibration.Validation;

/// <summary>
/// Per-request prompt and output lengths a published benchmark drew (a row's <c>lengths_file</c>):
/// a CSV with the header <c>input_tokens,output_tokens</c> and one request per line, sent in
/// file order and from the start again when a run needs more requests than the file has.
/// </summary>
/// <param name="Name">The file's name, as the report shows it.</param>
/// <param name="Input">Prompt tokens of each request.</param>
/// <param name="Output">Output tokens of each request.</param>
public sealed record RequestLengths(string Name, IReadOnlyList<int> Input, IReadOnlyList<int> Output)
{
    /// <summary>Request <paramref name="i"/>'s lengths (the file repeats).</summary>
    public (int Input, int Output) this[int i] => (Input[i % Input.Count], Output[i % Output.Count]);

    /// <summary>
    /// Reads <paramref name="path"/>; every problem goes to <paramref name="errors"/> as
    /// <c>path:line: error: …</c> and the result is then null.
    /// </summary>
    public static RequestLengths? Read(string path, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        if (!File.Exists(path))
        {
            errors.Add($"{path}:1: error: lengths file not found (a CSV with the header input_tokens,output_tokens, beside the published file or relative to it)");
            return null;
        }
        List<CsvRecord> records;
        try
        {
            records = [.. CsvFile.ReadFile(path)];
        }
        catch (CsvSyntaxException e)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{Math.Max(1, e.Line)}: error: {e.Message}"));
            return null;
        }
        if (records.Count == 0 || !records[0].Fields.Select(f => f.Trim()).SequenceEqual(["input_tokens", "output_tokens"]))
        {
            errors.Add($"{path}:1: error: the header must be input_tokens,output_tokens");
            return null;
        }
        int before = errors.Count;
        var input = new List<int>(records.Count);
        var output = new List<int>(records.Count);
        foreach (CsvRecord r in records.Skip(1))
        {
            if (r.Fields.Count != 2
                || !int.TryParse(r.Fields[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) || i <= 0
                || !int.TryParse(r.Fields[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int o) || o <= 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{r.Line}: error: '{string.Join(",", r.Fields)}' is not two positive whole numbers (input_tokens,output_tokens)"));
                continue;
            }
            input.Add(i);
            output.Add(o);
        }
        if (errors.Count == before && input.Count == 0)
        {
            errors.Add($"{path}:1: error: no requests after the header");
        }
        return errors.Count > before ? null : new RequestLengths(Path.GetFileName(path), input, output);
    }
}
