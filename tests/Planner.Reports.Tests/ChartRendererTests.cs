using System.Buffers.Binary;
using System.Xml.Linq;
using Planner.Reports.Charts;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using Palette = Planner.Reports.Charts.Palette;

namespace Planner.Reports.Tests;

/// <summary>
/// Charts drawn with ScottPlot: the SVG is well-formed, accessible, escaped and the same bytes
/// every time in every culture; the PNG likewise; and the plot behind both has the ticks,
/// series, labels and legend the spec asks for.
/// </summary>
public sealed class ChartRendererTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal static ChartSpec Months(ChartKind kind = ChartKind.Line, params ChartSeries[] series) => new()
    {
        Id = "test",
        Title = "Cost <per> month & more",
        Description = "What \"it\" shows",
        Kind = kind,
        X = new ChartAxis { Categories = ["2027-01", "2027-02", "2027-03", "2027-04"] },
        Y = new ChartAxis { Label = "USD", Format = ValueFormat.Currency },
        Series = series.Length > 0 ? series : [Series("a", 1, 2, 3, 4), Series("b", 4, 3, 2, 1)],
    };

    internal static ChartSeries Series(string name, params double[] ys) =>
        new() { Name = name, Points = ys.Select((y, i) => new ChartPoint(i, y)).ToList() };

    private static List<string> Labels(ITickGenerator generator) => ((NumericManual)generator).Ticks.Select(t => t.Label).ToList();

    private static List<string> Texts(XElement root) => root.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();

    /// <summary>The plot of <paramref name="spec"/>, laid out once so that its axes hold their ticks.</summary>
    internal static BuiltPlot Build(ChartSpec spec)
    {
        BuiltPlot built = PlotBuilder.Build(spec);
        built.Plot.RenderInMemory(spec.Width, spec.Height);
        return built;
    }

    [Theory]
    [InlineData(ChartKind.Line)]
    [InlineData(ChartKind.StackedArea)]
    [InlineData(ChartKind.Bar)]
    [InlineData(ChartKind.Tornado)]
    public void SvgIsAnAccessibleScalableDocument(ChartKind kind)
    {
        ChartSpec spec = Months(kind) with { Legend = true };
        XElement root = XElement.Parse(ChartRenderer.Svg(spec));
        Assert.Equal("Cost <per> month & more", (string)root.Element(Svg + "title")!);
        Assert.Equal("What \"it\" shows", (string)root.Element(Svg + "desc")!);
        Assert.Equal("img", (string)root.Attribute("role")!);
        Assert.Equal("test-title test-desc", (string)root.Attribute("aria-labelledby")!);
        Assert.Equal("test", (string)root.Attribute("data-chart")!);
        Assert.Equal("chart", (string)root.Attribute("class")!);
        Assert.Equal("0 0 560 340", (string)root.Attribute("viewBox")!);
        // Text is text (searchable, read aloud), in DejaVu Sans: the title, the legend and the ticks.
        List<string> texts = Texts(root);
        Assert.Contains("Cost <per> month & more", texts);
        Assert.Contains("a", texts);
        Assert.Contains("b", texts);
        Assert.All(root.Descendants(Svg + "text"), t => Assert.StartsWith("'DejaVu Sans'", (string)t.Attribute("font-family")!, StringComparison.Ordinal));
    }

    [Fact]
    public void IdsAreTheChartsOwnAndDoNotDependOnWhatWasDrawnBefore()
    {
        string first = ChartRenderer.Svg(Months());
        ChartRenderer.Svg(Months(ChartKind.Bar) with { Id = "other" });
        string again = ChartRenderer.Svg(Months());
        Assert.Equal(first, again);
        var ids = XElement.Parse(first).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.StartsWith("test-", id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var references = System.Text.RegularExpressions.Regex.Matches(first, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.All(references, r => Assert.Contains(r, ids));
    }

    [Fact]
    public void EscapesNamesFromTheScenario()
    {
        string svg = ChartRenderer.Svg(Months(ChartKind.Line, Series("<script>alert('x')</script> & co", 1, 2, 3, 4), Series("\"q\"", 1, 1, 1, 1)));
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("<script>alert('x')</script> & co", Texts(XElement.Parse(svg)));
    }

    [Fact]
    public void SvgAndPngAreTheSameBytesInEveryCulture()
    {
        ChartSpec spec = Months() with { Markers = [new ChartMarker(2, 3, "break-even")], ReferenceLines = [new ReferenceLine(2.5, "SLO")] };
        string svg;
        byte[] png;
        using (new CultureScope(""))
        {
            svg = ChartRenderer.Svg(spec);
            png = ChartRenderer.Png(spec);
        }
        foreach (string culture in new[] { "de-DE", "ar-SA", "" })
        {
            using var scope = new CultureScope(culture);
            Assert.Equal(svg, ChartRenderer.Svg(spec));
            Assert.Equal(png, ChartRenderer.Png(spec));
        }
    }

    [Fact]
    public void PngIsTwiceTheSizeForSlides()
    {
        byte[] png = ChartRenderer.Png(Months());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // The IHDR chunk follows the 8-byte signature: length, type, then width and height.
        Assert.Equal(560 * ChartRenderer.PngScale, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(340 * ChartRenderer.PngScale, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void GapsSplitTheLine()
    {
        using BuiltPlot built = Build(Months(ChartKind.Line, Series("a", 1, double.NaN, 3, 4), Series("b", 1, 2, 3, 4)));
        // "a": a dot for the lone first month, a line for the last two; "b": one line.
        Assert.Single(built.Plot.GetPlottables<Marker>());
        Assert.Equal(2, built.Plot.GetPlottables<Scatter>().Count());
    }

    [Fact]
    public void LogarithmicAxisLeavesOutNonPositiveValuesAndTicksInOneTwoFive()
    {
        ChartSpec spec = Months(ChartKind.Line, Series("a", 0.5, 0, 5, 50), Series("b", 1, 2, 3, 4)) with
        {
            Y = new ChartAxis { Format = ValueFormat.Currency, Scale = AxisScale.Logarithmic },
        };
        using BuiltPlot built = Build(spec);
        Assert.Equal(["$0.50", "$1", "$2", "$5", "$10", "$20", "$50"], Labels(built.Plot.Axes.Left.TickGenerator));
        Assert.Equal(Math.Log10(50), ((NumericManual)built.Plot.Axes.Left.TickGenerator).Ticks[^1].Position, 9);
        Assert.Single(built.Plot.GetPlottables<Marker>());
        Assert.Equal(2, built.Plot.GetPlottables<Scatter>().Count());
    }

    [Fact]
    public void MarkersAndReferenceLinesAreDrawnAndWidenTheRange()
    {
        ChartSpec spec = Months() with { Markers = [new ChartMarker(1, 3, "gpu breaks even, 2027-02")], ReferenceLines = [new ReferenceLine(10, "SLO: p95 ≤ 10")] };
        using BuiltPlot built = Build(spec);
        Assert.Contains(built.Texts, t => t.Text == "gpu breaks even, 2027-02" && t.Bold);
        Assert.Contains(built.Texts, t => t.Text == "SLO: p95 ≤ 10");
        Assert.Equal(10, built.Plot.GetPlottables<HorizontalLine>().Single().Y);
        Assert.Equal("$10", Labels(built.Plot.Axes.Left.TickGenerator)[^1]);
        Assert.Contains(built.Plot.GetPlottables<Marker>(), m => m.MarkerShape == MarkerShape.OpenCircle && m.X == 1 && m.Y == 3);
    }

    [Fact]
    public void StackedAreaTopFollowsTheTotal()
    {
        using BuiltPlot built = Build(Months(ChartKind.StackedArea, Series("a", 1, 1, 1, 1), Series("b", 1, 2, 3, 4)));
        Assert.Equal("$5", Labels(built.Plot.Axes.Left.TickGenerator)[^1]);
        List<FillY> areas = built.Plot.GetPlottables<FillY>().ToList();
        Assert.Equal(2, areas.Count);
        Assert.Equal(1, areas[0].GetAxisLimits().Top, 9);
        Assert.Equal(5, areas[1].GetAxisLimits().Top, 9);
        Assert.Equal(1, areas[1].GetAxisLimits().Bottom, 9);
    }

    [Fact]
    public void BarChartWritesValueLabels()
    {
        ChartSpec spec = Months(ChartKind.Bar, Series("total", 268_305, 312_504, 1_200_000, 50)) with { ValueLabels = true };
        using BuiltPlot built = Build(spec);
        Assert.Equal(4, built.Plot.GetPlottables<BarPlot>().Single().Bars.Count);
        Assert.Equal(["$268K", "$313K", "$1.20M", "$50.00"], built.Texts.Where(t => t.Alignment == Alignment.MiddleLeft).Select(t => t.Text));
        // The first category is on top.
        Assert.Equal(["2027-04", "2027-03", "2027-02", "2027-01"], ((NumericManual)built.Plot.Axes.Left.TickGenerator).Ticks.OrderBy(t => t.Position).Select(t => t.Label));
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
        using BuiltPlot built = Build(spec);
        List<string> ticks = Labels(built.Plot.Axes.Bottom.TickGenerator);
        Assert.Equal("00:00", ticks[0]);
        Assert.Equal("24:00", ticks[^1]);
        Assert.Contains("12:00", ticks);
        Assert.Empty(built.Plot.Legend.ManualItems);
    }

    [Fact]
    public void CdfOnNumericAxesWithADashedSeries()
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
        using BuiltPlot built = Build(spec);
        List<Scatter> lines = built.Plot.GetPlottables<Scatter>().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(LinePattern.Solid.Intervals, lines[0].LinePattern.Intervals);
        Assert.Equal([7f, 4f], lines[1].LinePattern.Intervals);
        Assert.Equal("100%", Labels(built.Plot.Axes.Left.TickGenerator)[^1]);
        Assert.Equal([LinePattern.Solid.Intervals, new float[] { 7, 4 }], built.Plot.Legend.ManualItems.Select(i => i.LinePattern.Intervals));
        Assert.Contains(built.Texts, t => t.Text == "TTFT");
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
        using BuiltPlot built = Build(spec);
        List<Scatter> scatters = built.Plot.GetPlottables<Scatter>().ToList();
        Assert.Equal(2, scatters.Count);
        Assert.True(scatters[0].LineWidth > 0);
        Assert.Equal(0, scatters[1].LineWidth);
        Assert.Equal(2, scatters[1].Data.GetScatterPoints().Count);
        // The legend shows a dot for the scatter series.
        Assert.Equal([MarkerShape.None, MarkerShape.FilledCircle], built.Plot.Legend.ManualItems.Select(i => i.MarkerShape));
    }

    [Fact]
    public void PaletteIsOkabeIto()
    {
        Assert.Equal("#0072B2", Palette.ForSeries(0));
        Assert.Equal("#E69F00", Palette.ForSeries(1));
        Assert.Equal(Palette.ForSeries(0), Palette.ForSeries(Palette.Series.Count));
        Assert.DoesNotContain(Palette.Yellow, Palette.Series);
        using BuiltPlot built = Build(Months());
        Assert.Equal([Color.FromHex("#0072B2"), Color.FromHex("#E69F00")], built.Plot.GetPlottables<Scatter>().Select(s => s.LineColor));
    }

    [Fact]
    public void AMissingFontStopsTheChartWithHowToInstallIt()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<ChartFontMissingException>(() => ChartFonts.Locate([dir.Path]));
        Assert.Contains("fonts-dejavu-core", e.Message);
        Assert.Contains(dir.Path, e.Message);
        string notAFont = Path.Combine(dir.Path, ChartFonts.RegularFile);
        File.WriteAllText(notAFont, "not a font");
        Assert.Throws<ChartFontMissingException>(() => ChartFonts.Check(notAFont, bold: false));
        // The installed faces are the ones drawn with.
        string folder = ChartFonts.EnsureRegistered();
        ChartFonts.Check(Path.Combine(folder, ChartFonts.RegularFile), bold: false);
        ChartFonts.Check(Path.Combine(folder, ChartFonts.BoldFile), bold: true);
        Assert.Throws<ChartFontMissingException>(() => ChartFonts.Check(Path.Combine(folder, ChartFonts.RegularFile), bold: true));
    }
}
