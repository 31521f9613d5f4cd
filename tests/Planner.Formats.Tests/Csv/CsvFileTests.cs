using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Planner.Formats.Csv;

namespace Planner.Formats.Tests.Csv;

/// <summary>The one CSV layer: what it writes reads back field for field, whatever the fields hold, and errors carry their line.</summary>
public sealed class CsvFileTests
{
    private static readonly string[] Header = ["name", "value", "note"];

    [Theory]
    [InlineData("plain")]
    [InlineData("a, comma")]
    [InlineData("a \"quoted\" word")]
    [InlineData("\"")]
    [InlineData("two\nlines")]
    [InlineData("windows\r\nline end")]
    [InlineData("ends with a line break\n")]
    [InlineData(" leading and trailing spaces ")]
    [InlineData("")]
    [InlineData("#not a comment inside a field")]
    [InlineData("ünïcödé — 1 000,5 €")]
    public void A_field_reads_back_as_it_was_written(string field)
    {
        string text = CsvFile.Write(Header, [["first", field, "x"], ["second", "2", field]]);
        IReadOnlyList<CsvRecord> records = CsvFile.Read(new StringReader(text));
        Assert.Equal(3, records.Count);
        Assert.Equal(Header, records[0].Fields);
        Assert.Equal(["first", field, "x"], records[1].Fields);
        Assert.Equal(["second", "2", field], records[2].Fields);
    }

    [Fact]
    public void Any_strings_round_trip()
    {
        // Fields drawn from an alphabet rich in what CSV must escape.
        Gen<string> field = Gen.Elements(new[] { 'a', 'b', ',', '"', '\n', '\r', ' ', '#', ';', 'é' }).ArrayOf().Select(c => new string(c));
        Gen<string[][]> table = field.ArrayOf(3).ArrayOf();
        Prop.ForAll(table.ToArbitrary(), rows =>
        {
            string text = CsvFile.Write(Header, rows.Select(r => (IReadOnlyList<string>)r));
            IReadOnlyList<CsvRecord> back = CsvFile.Read(new StringReader(text));
            // A row of three empty fields is written as ",," and so still reads as a record.
            return back.Count == rows.Length + 1
                && back.Skip(1).Zip(rows).All(p => p.First.Fields.SequenceEqual(p.Second));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Records_know_the_line_they_start_on_across_quoted_line_breaks()
    {
        IReadOnlyList<CsvRecord> records = CsvFile.Read(new StringReader("a,b\n1,\"x\ny\nz\"\n\n2,w\n"));
        Assert.Equal([1, 2, 6], records.Select(r => r.Line));
        Assert.Equal("x\ny\nz", records[1][1]);
    }

    [Fact]
    public void An_unterminated_quote_is_an_error_with_its_line()
    {
        var e = Assert.Throws<CsvSyntaxException>(() => CsvFile.Read(new StringReader("a,b\n1,2\n3,\"never closed\n4,5\n")));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Comment_lines_are_skipped_only_when_asked()
    {
        const string text = "# a note\na,b\n1,2\n";
        Assert.Equal(["a", "b"], CsvFile.Read(new StringReader(text), commentPrefix: '#')[0].Fields);
        Assert.Equal(["# a note"], CsvFile.Read(new StringReader(text))[0].Fields);
    }

    [Fact]
    public void Output_is_the_same_under_any_culture_with_unix_line_ends()
    {
        string Render() => CsvFile.Write(["x", "y"], [[CsvNumber.Format7(0.125), CsvNumber.RoundTrip(1234567.5)], [CsvNumber.Format7(double.NaN), CsvNumber.Format(1_000_000)]]);
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string invariant = Render();
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, Render());
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            Assert.Equal(invariant, Render());
            Assert.Equal("x,y\n0.125,1234567.5\nNaN,1000000\n", invariant);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Numbers_parse_in_the_invariant_culture_whatever_the_current_one()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(CsvNumber.TryParse("0.125", out double d));
            Assert.Equal(0.125, d);
            Assert.True(CsvNumber.TryParse("Infinity", out double inf));
            Assert.True(double.IsPositiveInfinity(inf));
            Assert.False(CsvNumber.TryParse("0,125", out int _));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused_when_writing()
    {
        var e = Assert.Throws<ArgumentException>(() => CsvFile.Write(["a", "b"], [["1", "2"], ["3"]]));
        Assert.Contains("row 2 has 1 fields, the header 2", e.Message);
    }
}
