using System.Xml.Linq;
using Planner.Reports.Charts;

namespace Planner.Reports.Tests;

/// <summary>The SVG is well-formed, accessible, escaped, deterministic, and has one group per series.</summary>
public sealed class SvgChartRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static ChartSpec Months(ChartKind kind = ChartKind.Line, params ChartSeries[] series) => new()
    {
        Id = "test",
        Title = "Cost <per> month & more",
        Description = "What \"it\" shows",
        Kind = kind,
        X = new ChartAxis { Categories = ["2027-01", "2027-02", "2027-03", "2027-04"] },
        Y = new ChartAxis { Label = "USD", Format = ValueFormat.Currency },
        Series = series.Length > 0 ? series : [Series("a", 1, 2, 3, 4), Series("b", 4, 3, 2, 1)],
    };

    private static ChartSeries Series(string name, params double[] ys) =>
        new() { Name = name, Points = ys.Select((y, i) => new ChartPoint(i, y)).ToList() };

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static List<XElement> SeriesGroups(XElement root) =>
        root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();

    [Theory]
    [InlineData(ChartKind.Line)]
    [InlineData(ChartKind.StackedArea)]
    [InlineData(ChartKind.Bar)]
    public void OneGroupPerSeriesWithTitleAndDescription(ChartKind kind)
    {
        XElement root = Parse(SvgChartRenderer.Render(Months(kind)));
        Assert.Equal(["a", "b"], SeriesGroups(root).Select(g => (string)g.Attribute("data-series")!));
        Assert.Equal("Cost <per> month & more", (string)root.Element(Svg + "title")!);
        Assert.Equal("What \"it\" shows", (string)root.Element(Svg + "desc")!);
        Assert.Equal("img", (string)root.Attribute("role")!);
        Assert.Equal("test-title test-desc", (string)root.Attribute("aria-labelledby")!);
        Assert.Equal("test", (string)root.Attribute("data-chart")!);
    }

    [Fact]
    public void EscapesNamesFromTheScenario()
    {
        string svg = SvgChartRenderer.Render(Months(ChartKind.Line, Series("<script>alert('x')</script> & co", 1, 2, 3, 4), Series("\"q\"", 1, 1, 1, 1)));
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co", svg);
        XElement root = Parse(svg);
        Assert.Equal("<script>alert('x')</script> & co", (string)SeriesGroups(root)[0].Attribute("data-series")!);
    }

    [Fact]
    public void OutputIsDeterministicAndCultureFree()
    {
        ChartSpec spec = Months() with { Markers = [new ChartMarker(2, 3, "break-even")], ReferenceLines = [new ReferenceLine(2.5, "SLO")] };
        string invariant;
        using (new CultureScope(""))
        {
            invariant = SvgChartRenderer.Render(spec);
        }
        using (new CultureScope("de-DE"))
        {
            Assert.Equal(invariant, SvgChartRenderer.Render(spec));
        }
    }

    [Fact]
    public void GapsSplitTheLine()
    {
        XElement root = Parse(SvgChartRenderer.Render(Months(ChartKind.Line, Series("a", 1, double.NaN, 3, 4), Series("b", 1, 2, 3, 4))));
        XElement a = SeriesGroups(root)[0];
        Assert.Single(a.Elements(Svg + "path"));
        Assert.Single(a.Elements(Svg + "circle"));
    }

    [Fact]
    public void LogarithmicAxisLeavesOutNonPositiveValues()
    {
        ChartSpec spec = Months(ChartKind.Line, Series("a", 0.5, 0, 5, 50), Series("b", 1, 2, 3, 4)) with
        {
            Y = new ChartAxis { Format = ValueFormat.Currency, Scale = AxisScale.Logarithmic },
        };
        XElement root = Parse(SvgChartRenderer.Render(spec));
        XElement a = SeriesGroups(root)[0];
        Assert.Single(a.Elements(Svg + "circle"));
        Assert.Single(a.Elements(Svg + "path"));
        var ticks = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis y").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["$0.50", "$1", "$2", "$5", "$10", "$20", "$50"], ticks);
    }

    [Fact]
    public void MarkersAndReferenceLinesAreDrawnAndWidenTheRange()
    {
        ChartSpec spec = Months() with { Markers = [new ChartMarker(1, 3, "gpu breaks even, 2027-02")], ReferenceLines = [new ReferenceLine(10, "SLO: p95 ≤ 10")] };
        XElement root = Parse(SvgChartRenderer.Render(spec));
        XElement markers = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "markers");
        Assert.Contains("gpu breaks even, 2027-02", markers.Value);
        XElement reference = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "reference");
        Assert.Contains("SLO: p95 ≤ 10", reference.Value);
        var ticks = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis y").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("$10", ticks[^1]);
    }

    [Fact]
    public void StackedAreaTopFollowsTheTotal()
    {
        ChartSpec spec = Months(ChartKind.StackedArea, Series("a", 1, 1, 1, 1), Series("b", 1, 2, 3, 4));
        XElement root = Parse(SvgChartRenderer.Render(spec));
        var ticks = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis y").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("$5", ticks[^1]);
        string top = (string)SeriesGroups(root)[1].Element(Svg + "path")!.Attribute("d")!;
        string firstY = top.Split(' ')[0].Split(',')[1];
        string baseline = (string)SeriesGroups(root)[0].Element(Svg + "path")!.Attribute("d")!;
        Assert.NotEqual(firstY, baseline.Split(' ')[0].Split(',')[1]);
        Assert.EndsWith("Z", top);
    }

    [Fact]
    public void BarChartWritesValueLabels()
    {
        ChartSpec spec = Months(ChartKind.Bar, Series("total", 268_305, 312_504, 1_200_000, 50)) with { ValueLabels = true };
        XElement root = Parse(SvgChartRenderer.Render(spec));
        XElement group = SeriesGroups(root).Single();
        Assert.Equal(4, group.Elements(Svg + "rect").Count());
        Assert.Equal(["$268K", "$313K", "$1.20M", "$50.00"], group.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void NumericAxisWithHoursOfTheDay()
    {
        ChartSpec spec = new()
        {
            Id = "day",
            Title = "Day",
            Description = "d",
            X = new ChartAxis { Format = ValueFormat.HourOfDay, Min = 0, Max = 24 },
            Y = new ChartAxis { Format = ValueFormat.Si },
            Series = [new ChartSeries { Name = "rps", Points = Enumerable.Range(0, 24).Select(h => new ChartPoint(h, h * 10)).ToList() }],
        };
        XElement root = Parse(SvgChartRenderer.Render(spec));
        var ticks = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis x").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("00:00", ticks[0]);
        Assert.Equal("24:00", ticks[^1]);
        Assert.Contains("12:00", ticks);
        Assert.DoesNotContain(root.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "legend");
    }

    [Fact]
    public void CdfOnNumericAxes()
    {
        ChartSpec spec = new()
        {
            Id = "cdf",
            Title = "TTFT distribution",
            Description = "CDF",
            X = new ChartAxis { Format = ValueFormat.Milliseconds, Label = "TTFT" },
            Y = new ChartAxis { Format = ValueFormat.Percent, Max = 1 },
            Series =
            [
                new ChartSeries { Name = "api", Points = [new(100, 0), new(250, 0.5), new(900, 0.95), new(1500, 0.99), new(2000, 1)] },
                new ChartSeries { Name = "gpu", Points = [new(50, 0), new(120, 0.5), new(300, 0.95), new(500, 1)], Style = SeriesStyle.Dashed },
            ],
        };
        XElement root = Parse(SvgChartRenderer.Render(spec));
        Assert.Equal(2, SeriesGroups(root).Count);
        Assert.Equal("7 4", (string)SeriesGroups(root)[1].Attribute("stroke-dasharray")!);
        var yTicks = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "axis y").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("100%", yTicks[^1]);
    }

    [Fact]
    public void PointSeriesAreDotsWithoutALine()
    {
        ChartSpec spec = new()
        {
            Id = "scatter",
            Title = "Cost against latency",
            Description = "Scatter with a frontier",
            X = new ChartAxis { Format = ValueFormat.Currency },
            Y = new ChartAxis { Format = ValueFormat.Milliseconds, Scale = AxisScale.Logarithmic },
            Series =
            [
                new ChartSeries { Name = "frontier", Points = [new(100, 900), new(300, 200)] },
                new ChartSeries { Name = "others", Points = [new(150, 950), new(400, 300), new(500, double.NaN)], Style = SeriesStyle.Points },
            ],
        };
        XElement root = Parse(SvgChartRenderer.Render(spec));
        XElement dots = SeriesGroups(root)[1];
        Assert.Empty(dots.Elements(Svg + "path"));
        Assert.Equal(2, dots.Elements(Svg + "circle").Count());
        Assert.Single(SeriesGroups(root)[0].Elements(Svg + "path"));
        // The legend shows a dot for the scatter series.
        Assert.Single(root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Elements(Svg + "circle"));
    }

    [Fact]
    public void PaletteIsOkabeIto()
    {
        Assert.Equal("#0072B2", Palette.ForSeries(0));
        Assert.Equal("#E69F00", Palette.ForSeries(1));
        Assert.Equal(Palette.ForSeries(0), Palette.ForSeries(Palette.Series.Count));
        Assert.DoesNotContain(Palette.Yellow, Palette.Series);
    }
}
