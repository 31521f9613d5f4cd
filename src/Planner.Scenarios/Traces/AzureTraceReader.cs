using System.Globalization;
using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Traces;

/// <summary>
/// Reads traces in the format of Azure's public LLM inference traces (AzurePublicDataset):
/// a header <c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, then one request per row.
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

        string? header = reader.ReadLine();
        if (header?.Trim() != Header)
        {
            problems.Add(new TraceProblem(1, 1, Messages.TraceHeader(Header, header ?? "")));
            return new TraceReadResult(null, problems, false, null);
        }

        DateTime? first = null;
        DateTime previous = DateTime.MinValue;
        int row = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            row++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            string[] fields = line.Split(',');
            if (fields.Length != 3)
            {
                problems.Add(new TraceProblem(row, 1, Messages.TraceFieldCount(fields.Length)));
                continue;
            }
            int contextColumn = fields[0].Length + 2;
            int generatedColumn = contextColumn + fields[1].Length + 1;
            bool ok = true;
            if (!DateTime.TryParseExact(fields[0].Trim(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime timestamp))
            {
                problems.Add(new TraceProblem(row, 1, Messages.TraceTimestamp(fields[0])));
                ok = false;
            }
            else if (first is not null && timestamp < previous)
            {
                problems.Add(new TraceProblem(row, 1, Messages.TraceOutOfOrder));
                ok = false;
            }
            if (!TryTokens(fields[1], out int contextTokens))
            {
                problems.Add(new TraceProblem(row, contextColumn, Messages.TraceTokens("ContextTokens", fields[1])));
                ok = false;
            }
            if (!TryTokens(fields[2], out int generatedTokens))
            {
                problems.Add(new TraceProblem(row, generatedColumn, Messages.TraceTokens("GeneratedTokens", fields[2])));
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

        AzureTrace? trace = problems.Count == 0 ? new AzureTrace(offsets, context, generated) : null;
        return new TraceReadResult(trace, problems, false, null);
    }

    private static bool TryTokens(string text, out int tokens) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out tokens);
}
