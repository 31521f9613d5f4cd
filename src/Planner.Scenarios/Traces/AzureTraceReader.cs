using System.Globalization;
using CsvHelper;
using Planner.Formats.Csv;
using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Traces;

/// <summary>
/// Reads traces in the format of Azure's public LLM inference traces (AzurePublicDataset):
/// a header <c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, then one request per row, read with
/// Planner's one CSV layer (<see cref="CsvFile"/>). Each problem keeps the line it is on.
/// </summary>
internal static class AzureTraceReader
{
    public const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens";

    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"];

    public static TraceReadResult Read(string fullPath)
    {
        try
        {
            if (!File.Exists(fullPath))
            {
                return new TraceReadResult(null, [], NotFound: true, IoError: null);
            }
            using var reader = new StreamReader(fullPath);
            return Parse(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TraceReadResult(null, [], NotFound: false, IoError: e.Message);
        }
    }

    public static TraceReadResult Parse(TextReader reader)
    {
        var problems = new List<TraceProblem>();
        var offsets = new List<double>();
        var context = new List<int>();
        var generated = new List<int>();

        using CsvReader csv = CsvFile.OpenReader(reader);
        try
        {
            if (!csv.Read() || !IsHeader(csv))
            {
                string got = csv.FieldCount > 0 ? string.Join(',', Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)) : "";
                problems.Add(new TraceProblem(1, 1, Messages.TraceHeader(Header, got)));
                return new TraceReadResult(null, problems, false, null);
            }

            DateTime? first = null;
            DateTime previous = DateTime.MinValue;
            while (csv.Read())
            {
                int row = checked((int)csv.LineNumber);
                if (csv.FieldCount == 1 && csv.GetString(0).Trim().Length == 0)
                {
                    continue;
                }
                if (csv.FieldCount != 3)
                {
                    problems.Add(new TraceProblem(row, 1, Messages.TraceFieldCount(csv.FieldCount)));
                    continue;
                }
                string time = csv.GetString(0);
                // Columns as a person counts them in the line (the trace's fields are ASCII and never quoted).
                int contextColumn = csv[0].Length + 2;
                int generatedColumn = contextColumn + csv[1].Length + 1;
                bool ok = true;
                if (!DateTime.TryParseExact(time.Trim(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime timestamp))
                {
                    problems.Add(new TraceProblem(row, 1, Messages.TraceTimestamp(time)));
                    ok = false;
                }
                else if (first is not null && timestamp < previous)
                {
                    problems.Add(new TraceProblem(row, 1, Messages.TraceOutOfOrder));
                    ok = false;
                }
                // Token counts parse straight from the reader's buffer; the text is made only for a message.
                if (!csv.TryParse(1, out int contextTokens) || contextTokens < 0)
                {
                    problems.Add(new TraceProblem(row, contextColumn, Messages.TraceTokens("ContextTokens", csv.GetString(1))));
                    ok = false;
                }
                if (!csv.TryParse(2, out int generatedTokens) || generatedTokens < 0)
                {
                    problems.Add(new TraceProblem(row, generatedColumn, Messages.TraceTokens("GeneratedTokens", csv.GetString(2))));
                    ok = false;
                }
                if (!ok)
                {
                    continue;
                }
                first ??= timestamp;
                previous = timestamp;
                offsets.Add((timestamp - first.Value).Ticks / (double)TimeSpan.TicksPerSecond);
                context.Add(contextTokens);
                generated.Add(generatedTokens);
            }
        }
        catch (CsvFormatException e)
        {
            CsvSyntaxException syntax = CsvFile.Syntax(e);
            problems.Add(new TraceProblem(Math.Max(1, syntax.Line), 1, syntax.Message));
        }

        AzureTrace? trace = problems.Count == 0 ? new AzureTrace(offsets, context, generated) : null;
        return new TraceReadResult(trace, problems, false, null);
    }

    private static bool IsHeader(CsvReader csv) =>
        csv.FieldCount == 3 && csv.GetString(0).Trim() == "TIMESTAMP" && csv.GetString(1).Trim() == "ContextTokens" && csv.GetString(2).Trim() == "GeneratedTokens";

}
