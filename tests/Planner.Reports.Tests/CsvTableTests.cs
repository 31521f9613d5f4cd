using Planner.Reports.Csv;

namespace Planner.Reports.Tests;

public sealed class CsvTableTests
{
    private sealed record Row(string Name, double? Value, bool Flag, int Count);

    [Fact]
    public void WritesSnakeCaseHeaderAndInvariantCells()
    {
        string csv = CsvTable.Write([new Row("plain", 1234.5, true, 3), new Row("with, comma \"quoted\"", null, false, -1)]);
        Assert.Equal(
            "name,value,flag,count\n" +
            "plain,1234.5,true,3\n" +
            "\"with, comma \"\"quoted\"\"\",,false,-1\n",
            csv);
    }

    [Fact]
    public void NonFiniteNumbersBecomeEmptyCells()
    {
        string csv = CsvTable.Write([new Row("x", double.NaN, true, 0)]);
        Assert.Equal("name,value,flag,count\nx,,true,0\n", csv);
    }

    [Fact]
    public void OutputDoesNotDependOnTheCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains("1234.5", CsvTable.Write([new Row("a", 1234.5, true, 1)]));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
