using System.Globalization;
using CsvHelper;
using Planner.Formats.Csv;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;

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

    /// <summary>
    /// Bytes a trace file may hold: 64 MiB, about two million rows, ninety times the bundled
    /// conversation trace. Every row is kept in memory while a scenario is simulated.
    /// </summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Malformed rows kept one by one; the rest are only counted (a scenario lists ten).</summary>
    public const int MaxProblemsKept = 100;

    public static TraceReadResult Read(string fullPath)
    {
        InputFileResult file = InputFile.Read(fullPath, MaxFileBytes);
        if (file.Status != InputFileStatus.Read)
        {
            return new TraceReadResult(null, [], file);
        }
        using var reader = new StreamReader(new MemoryStream(file.Bytes!), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        TraceReadResult parsed = Parse(reader);
        // The bytes were needed only to parse and to know a public trace by: the result keeps the status alone.
        return parsed with
        {
            Trace = parsed.Trace is { } trace ? trace with { Credit = KnownTraces.CreditFor(file.Bytes) } : null,
            File = file with { Bytes = null },
        };
    }

    public static TraceReadResult Parse(TextReader reader)
    {
        var problems = new ProblemList();
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
                return problems.Result(null);
            }

            DateTime? first = null;
            DateTime previous = DateTime.MinValue;
            int previousRow = 0;
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
                    // Named against the latest row so far, which is where the order broke: a row swapped
                    // far ahead once made every row up to its own time read as "earlier than the row before it".
                    problems.Add(new TraceProblem(row, 1, Messages.TraceOutOfOrder(time.Trim(), previous, previousRow)));
                    ok = false;
                }
                // Token counts parse straight from the reader's buffer; the text is made only for a message.
                // A request has a prompt: a row of no context tokens is no request.
                if (!csv.TryParse(1, out int contextTokens) || contextTokens < 1)
                {
                    problems.Add(new TraceProblem(row, contextColumn, Messages.TraceTokens("ContextTokens", csv.GetString(1), 1)));
                    ok = false;
                }
                else if (contextTokens > Loading.Plausible.MaxTokensPerRequest)
                {
                    problems.Add(new TraceProblem(row, contextColumn, Messages.TraceTokensTooMany("ContextTokens", contextTokens, 1)));
                    ok = false;
                }
                if (!csv.TryParse(2, out int generatedTokens) || generatedTokens < 0)
                {
                    problems.Add(new TraceProblem(row, generatedColumn, Messages.TraceTokens("GeneratedTokens", csv.GetString(2), 0)));
                    ok = false;
                }
                else if (generatedTokens > Loading.Plausible.MaxTokensPerRequest)
                {
                    problems.Add(new TraceProblem(row, generatedColumn, Messages.TraceTokensTooMany("GeneratedTokens", generatedTokens, 0)));
                    ok = false;
                }
                if (!ok)
                {
                    continue;
                }
                first ??= timestamp;
                previous = timestamp;
                previousRow = row;
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

        return problems.Result(problems.Count == 0 ? new AzureTrace(offsets, context, generated) : null);
    }

    /// <summary>Keeps the first <see cref="MaxProblemsKept"/> problems and counts all of them.</summary>
    private sealed class ProblemList
    {
        private readonly List<TraceProblem> _kept = [];

        public int Count { get; private set; }

        public void Add(TraceProblem problem)
        {
            Count++;
            if (_kept.Count < MaxProblemsKept)
            {
                _kept.Add(problem);
            }
        }

        public TraceReadResult Result(AzureTrace? trace) =>
            new(trace, _kept, new InputFileResult(InputFileStatus.Read, null, null)) { ProblemCount = Count };
    }

    private static bool IsHeader(CsvReader csv) =>
        csv.FieldCount == 3 && csv.GetString(0).Trim() == "TIMESTAMP" && csv.GetString(1).Trim() == "ContextTokens" && csv.GetString(2).Trim() == "GeneratedTokens";
}
