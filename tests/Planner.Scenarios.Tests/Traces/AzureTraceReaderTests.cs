using Planner.Scenarios.Traces;

namespace Planner.Scenarios.Tests.Traces;

public sealed class AzureTraceReaderTests
{
    private static TraceReadResult Parse(string text) => AzureTraceReader.Parse(new StringReader(text));

    [Fact]
    public void Reads_rows_with_crlf_and_trailing_newline()
    {
        TraceReadResult result = Parse("TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.9799600,4808,10\r\n2023-11-16 18:17:04.0319600,3180,8\r\n");
        Assert.Empty(result.Problems);
        AzureTrace trace = result.Trace!;
        Assert.Equal([0, 0.052], trace.OffsetSeconds.Select(x => Math.Round(x, 9)));
        Assert.Equal([4808, 3180], trace.ContextTokens);
        Assert.Equal([10, 8], trace.GeneratedTokens);
    }

    [Fact]
    public void Timestamps_without_fraction_are_accepted()
    {
        TraceReadResult result = Parse("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03,1,1\n2023-11-16 18:17:05.5,1,1\n");
        Assert.Equal([0, 2.5], result.Trace!.OffsetSeconds);
    }

    [Fact]
    public void Wrong_header_is_row_one()
    {
        TraceReadResult result = Parse("time,in,out\n2023-11-16 18:17:03,1,1\n");
        TraceProblem problem = Assert.Single(result.Problems);
        Assert.Equal((1, 1), (problem.Row, problem.Column));
        Assert.Contains("expected the header 'TIMESTAMP,ContextTokens,GeneratedTokens', got 'time,in,out'", problem.Message);
        Assert.Null(result.Trace);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_column()
    {
        TraceReadResult result = Parse(
            "TIMESTAMP,ContextTokens,GeneratedTokens\n" +
            "yesterday,1,1\n" +
            "2023-11-16 18:17:03,-5,1\n" +
            "2023-11-16 18:17:03,5,x\n" +
            "2023-11-16 18:17:04,5,5\n" +
            "2023-11-16 18:17:01,5,5\n");
        Assert.Equal(
            [(2, 1), (3, 21), (4, 23), (6, 1)],
            result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Equal("TIMESTAMP 2023-11-16 18:17:01 is earlier than 2023-11-16 18:17:04 on line 5, the latest before it (rows must be in time order; "
            + "a row out of place there makes every row up to its time read as out of order)", result.Problems[3].Message);
        Assert.Null(result.Trace);
    }

    [Fact]
    public void A_row_far_out_of_place_is_named_by_every_row_it_overtakes_and_tokens_are_checked_against_their_range()
    {
        // Line 2 belongs after line 4: the rows between were said to be "earlier than the row before
        // it", though each was later than the row before it.
        TraceReadResult result = Parse(
            "TIMESTAMP,ContextTokens,GeneratedTokens\n" +
            "2023-11-16 18:17:09,5,5\n" +
            "2023-11-16 18:17:02,5,5\n" +
            "2023-11-16 18:17:03,5,5\n" +
            "2023-11-16 18:17:10,0,5\n" +
            "2023-11-16 18:17:11,99999999999,5\n");
        Assert.Equal([(3, 1), (4, 1), (5, 21), (6, 21)], result.Problems.Select(p => (p.Row, p.Column)));
        Assert.All(result.Problems.Take(2), p => Assert.Contains("is earlier than 2023-11-16 18:17:09 on line 2, the latest before it", p.Message, StringComparison.Ordinal));
        // No prompt is no request, and a count past int is out of range rather than "not an integer".
        Assert.Equal("ContextTokens: expected a whole number of tokens from 1 to 2,000,000, got '0'", result.Problems[2].Message);
        Assert.Equal("ContextTokens: expected a whole number of tokens from 1 to 2,000,000, got '99999999999'", result.Problems[3].Message);
    }

    [Fact]
    public void Quoted_fields_are_read_as_csv_and_an_unclosed_quote_is_reported_at_its_line()
    {
        TraceReadResult quoted = Parse("TIMESTAMP,ContextTokens,GeneratedTokens\n\"2023-11-16 18:17:03\",\"12\",3\n");
        Assert.Empty(quoted.Problems);
        Assert.Equal([12], quoted.Trace!.ContextTokens);

        TraceReadResult broken = Parse("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03,1,1\n\"2023-11-16 18:17:04,1,1\n2023-11-16 18:17:05,1,1\n");
        TraceProblem problem = Assert.Single(broken.Problems);
        Assert.Equal(3, problem.Row);
        Assert.Contains("never closed", problem.Message);
        Assert.Null(broken.Trace);
    }

    [Fact]
    public void Both_repository_traces_read_cleanly()
    {
        string traces = Path.Combine(Support.TestFiles.RepositoryRoot(), "scenarios", "traces");
        TraceReadResult code = AzureTraceReader.Read(Path.Combine(traces, "azure-llm-2023-code.csv"));
        TraceReadResult conv = AzureTraceReader.Read(Path.Combine(traces, "azure-llm-2023-conv.csv"));
        Assert.Empty(code.Problems);
        Assert.Empty(conv.Problems);
        Assert.Equal(8819, code.Trace!.Count);
        Assert.Equal(19366, conv.Trace!.Count);
    }

    [Fact]
    public void A_public_trace_is_known_by_its_content_and_carries_the_credit_its_licence_asks_for()
    {
        // Credited whatever its name or line endings; a trace that differs by one row is not the published one.
        string traces = Path.Combine(Support.TestFiles.RepositoryRoot(), "scenarios", "traces");
        string copy = Path.Combine(Path.GetTempPath(), $"planner-trace-{Guid.NewGuid():N}.csv");
        string crlf = Path.Combine(Path.GetTempPath(), $"planner-trace-{Guid.NewGuid():N}.csv");
        string altered = Path.Combine(Path.GetTempPath(), $"planner-trace-{Guid.NewGuid():N}.csv");
        try
        {
            string[] lines = File.ReadAllText(Path.Combine(traces, "azure-llm-2023-conv.csv")).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            File.WriteAllText(copy, string.Join("\n", lines));
            // CRLF line endings and a byte-order mark, as an editor on another system may save it.
            File.WriteAllText(crlf, string.Join("\r\n", lines), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.WriteAllText(altered, string.Join("\n", lines.Where((_, i) => i != 5)));
            string? conv = AzureTraceReader.Read(copy).Trace!.Credit;
            Assert.Equal(conv, AzureTraceReader.Read(crlf).Trace!.Credit);
            Assert.NotNull(conv);
            Assert.Contains("Microsoft Azure, AzurePublicDataset", conv, StringComparison.Ordinal);
            Assert.Contains("conversation", conv, StringComparison.Ordinal);
            Assert.Contains("CC-BY 4.0", conv, StringComparison.Ordinal);
            Assert.Contains("code", AzureTraceReader.Read(Path.Combine(traces, "azure-llm-2023-code.csv")).Trace!.Credit, StringComparison.Ordinal);
            Assert.Null(AzureTraceReader.Read(altered).Trace!.Credit);
        }
        finally
        {
            File.Delete(copy);
            File.Delete(crlf);
            File.Delete(altered);
        }
    }

    [Fact]
    public void Missing_file_is_flagged_not_thrown()
    {
        TraceReadResult result = AzureTraceReader.Read(Path.Combine(Path.GetTempPath(), "planner-no-such-trace.csv"));
        Assert.True(result.NotFound);
        Assert.Null(result.Trace);
    }
}
