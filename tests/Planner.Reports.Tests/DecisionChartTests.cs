using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Planner.Reports.Charts;

namespace Planner.Reports.Tests;

/// <summary>The series kinds of the decision charts: P10–P90 bands, step lines and tornado bars.</summary>
public sealed partial class DecisionChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly IReadOnlyList<string> Months = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"];

    private static List<ChartPoint> Points(params double[] ys) => ys.Select((y, i) => new ChartPoint(i, y)).ToList();

    private static ChartSpec Fan(params ChartSeries[] series) => new()
    {
        Id = "fan",
        Title = "Fan",
        Description = "Median and P10–P90",
        X = new ChartAxis { Categories = Months },
        Y = new ChartAxis { Label = "USD", Format = ValueFormat.Currency },
        Series = series,
    };

    private static ChartSeries Band(string name, double[] lower, double[] upper, int color = 0) =>
        new() { Name = name, Kind = SeriesKind.Band, Lower = Points(lower), Points = Points(upper), ColorIndex = color, InLegend = false };

    private static List<XElement> Groups(XElement root, string cls) =>
        root.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains(cls)).ToList();

    /// <summary>The plot area, read from the grid: its lines span it and its first and last ticks bound it.</summary>
    private static (double Left, double Right, double Top, double Bottom) Plot(XElement root)
    {
        var lines = Groups(root, "grid").Single().Elements(Svg + "line").ToList();
        double X(XElement l, string a) => double.Parse((string)l.Attribute(a)!, CultureInfo.InvariantCulture);
        return (lines.Min(l => Math.Min(X(l, "x1"), X(l, "x2"))), lines.Max(l => Math.Max(X(l, "x1"), X(l, "x2"))),
            lines.Min(l => Math.Min(X(l, "y1"), X(l, "y2"))), lines.Max(l => Math.Max(X(l, "y1"), X(l, "y2"))));
    }

    private static List<(double X, double Y)> Coordinates(string path) =>
        [.. CoordinatePattern().Matches(path).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"(-?[0-9.]+),(-?[0-9.]+)")]
    private static partial Regex CoordinatePattern();

    private static double Attr(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void BandIsAClosedTranslucentShapeInsideThePlotBeneathTheLines()
    {
        ChartSpec spec = Fan(
            new ChartSeries { Name = "api", Points = Points(2, 3, 4, 5, 6), ColorIndex = 0 },
            Band("api P10–P90", [1, 2, 2.5, 3, 3.5], [3, 4.5, 6, 8, 11]));
        XElement root = XElement.Parse(SvgChartRenderer.Render(spec));

        XElement band = Groups(root, "band").Single();
        Assert.Equal("api P10–P90", (string)band.Attribute("data-series")!);
        Assert.Equal("#0072B2", (string)band.Attribute("fill")!);
        Assert.Equal("0.2", (string)band.Attribute("fill-opacity")!);
        string d = (string)band.Element(Svg + "path")!.Attribute("d")!;
        Assert.EndsWith(" Z", d);
        List<(double X, double Y)> points = Coordinates(d);
        Assert.Equal(2 * Months.Count, points.Count);
        var plot = Plot(root);
        Assert.All(points, p =>
        {
            Assert.InRange(p.X, plot.Left, plot.Right);
            Assert.InRange(p.Y, plot.Top, plot.Bottom);
        });
        // The upper edge runs left to right, the lower edge back; upper is above lower (smaller y) at every month.
        for (int i = 0; i < Months.Count; i++)
        {
            Assert.Equal(points[i].X, points[2 * Months.Count - 1 - i].X);
            Assert.True(points[i].Y < points[2 * Months.Count - 1 - i].Y, $"month {i}: upper edge above the lower");
        }
        // The axis reaches the band's top, not only the line's.
        Assert.Equal("$15", Groups(root, "axis").First(g => (string?)g.Attribute("class") == "axis y").Elements(Svg + "text").Last().Value);
        // Bands come first so that lines are drawn over them.
        var series = Groups(root, "series");
        Assert.Same(band, series[0]);
        Assert.Equal("api", (string)series[1].Attribute("data-series")!);
    }

    [Fact]
    public void BandLeftOutOfTheLegendWhenAskedAndSplitAtGaps()
    {
        ChartSpec spec = Fan(
            Band("a band", [1, double.NaN, 2, 2, 2], [2, 3, 4, 5, 6]),
            new ChartSeries { Name = "a", Points = Points(1.5, 2, 3, 4, 5) },
            new ChartSeries { Name = "b", Points = Points(1, 1, 1, 1, 1), ColorIndex = 1 }) with { Legend = true };
        XElement root = XElement.Parse(SvgChartRenderer.Render(spec));
        Assert.Equal(["a", "b"], Groups(root, "legend").Single().Elements(Svg + "text").Select(t => t.Value));
        XElement band = Groups(root, "band").Single();
        var paths = band.Elements(Svg + "path").Select(p => (string)p.Attribute("d")!).ToList();
        Assert.Equal(2, paths.Count);
        Assert.Equal(2, Coordinates(paths[0]).Count);
        Assert.Equal(6, Coordinates(paths[1]).Count);
    }

    [Fact]
    public void BandInTheLegendIsATranslucentSwatch()
    {
        ChartSpec spec = Fan(Band("range", [1, 1, 1, 1, 1], [2, 2, 2, 2, 2]) with { InLegend = true }, new ChartSeries { Name = "median", Points = Points(1.5, 1.5, 1.5, 1.5, 1.5) });
        XElement legend = Groups(XElement.Parse(SvgChartRenderer.Render(spec)), "legend").Single();
        Assert.Equal("0.2", (string)legend.Elements(Svg + "rect").Single().Attribute("fill-opacity")!);
        Assert.Single(legend.Elements(Svg + "line"));
    }

    [Fact]
    public void StepLineJumpsHalfwayBetweenMonths()
    {
        ChartSpec spec = Fan(new ChartSeries { Name = "paid off", Kind = SeriesKind.Step, Points = Points(0, 0.1, 0.5, 0.8, 0.9) }) with
        {
            Y = new ChartAxis { Format = ValueFormat.Percent, Min = 0, Max = 1 },
        };
        XElement root = XElement.Parse(SvgChartRenderer.Render(spec));
        string d = (string)Groups(root, "series").Single().Element(Svg + "path")!.Attribute("d")!;
        Assert.DoesNotContain(" L", d);
        Assert.Equal(Months.Count - 1, d.Split(" V").Length - 1);
        var plot = Plot(root);
        List<double> h = [.. Regex.Matches(d, @" H([0-9.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(Months.Count, h.Count);
        double step = (plot.Right - plot.Left) / (Months.Count - 1);
        Assert.Equal(plot.Left + step / 2, h[0], 0.11);
        Assert.Equal(plot.Right, h[^1], 0.11);
        Assert.Equal("100%", Groups(root, "axis").First(g => (string?)g.Attribute("class") == "axis y").Elements(Svg + "text").Last().Value);
    }

    private static ChartSpec Tornado() => new()
    {
        Id = "tornado",
        Kind = ChartKind.Tornado,
        Title = "What moves the savings",
        Description = "Savings at each input's P10 and P90",
        X = new ChartAxis { Categories = ["growth", "API price", "GPU price", "tokens"] },
        Y = new ChartAxis { Label = "savings, USD", Format = ValueFormat.Currency },
        Series =
        [
            new ChartSeries { Name = "at P10", ColorIndex = 5, Points = [new(0, -2_000), new(1, -9_000), new(2, 11_000), new(3, 8_600)] },
            new ChartSeries { Name = "at P90", ColorIndex = 0, Points = [new(0, 20_000), new(1, 8_000), new(2, 4_700), new(3, 9_100)] },
        ],
        BarBase = 8_000,
        ReferenceLines = [new ReferenceLine(8_000, "base case $8,000")],
        ValueLabels = true,
        Legend = true,
        Height = 300,
    };

    [Fact]
    public void TornadoBarsStartAtTheBaseInCategoryOrder()
    {
        XElement root = XElement.Parse(SvgChartRenderer.Render(Tornado()));
        var groups = Groups(root, "series");
        Assert.Equal(["at P10", "at P90"], groups.Select(g => (string)g.Attribute("data-series")!));
        XElement baseLine = root.Elements(Svg + "line").Single(l => (string?)l.Attribute("class") == "baseline");
        double origin = Attr(baseLine, "x1");
        var plot = Plot(root);

        var bars = groups.SelectMany(g => g.Elements(Svg + "rect")).Select(r => (Title: r.Element(Svg + "title")!.Value, X: Attr(r, "x"), Y: Attr(r, "y"), Width: Attr(r, "width"), Height: Attr(r, "height"))).ToList();
        // "API price" at P90 sits on the base and has no bar.
        Assert.Equal(7, bars.Count);
        Assert.All(bars, b =>
        {
            Assert.True(Math.Abs(b.X - origin) < 0.11 || Math.Abs(b.X + b.Width - origin) < 0.11, $"{b.Title} starts at the base");
            Assert.InRange(b.X, plot.Left - 0.1, plot.Right + 0.1);
            Assert.InRange(b.X + b.Width, plot.Left - 0.1, plot.Right + 0.1);
        });
        // Categories run down the chart in the given order (largest swing first), both bars of one in the same row.
        string[] order = ["growth", "API price", "GPU price", "tokens"];
        double Centre(string category)
        {
            var row = bars.Where(b => b.Title.Contains(", " + category + ":", StringComparison.Ordinal)).Select(b => b.Y + b.Height / 2).ToList();
            Assert.True(row.Max() - row.Min() < 0.2, $"{category}: bars share a row");
            return row[0];
        }
        var centres = order.Select(Centre).ToList();
        Assert.Equal(centres.Order(), centres);
        // The total length of each row follows the swing.
        double Span(string category) => bars.Where(b => b.Title.Contains(", " + category + ":", StringComparison.Ordinal)).Sum(b => b.Width);
        Assert.True(Span("growth") > Span("API price") && Span("API price") > Span("GPU price"), "rows shrink down the chart");
        // "tokens" has both ends above the base: the second bar is drawn thinner, inside the row.
        var tokens = bars.Where(b => b.Title.Contains(", tokens:", StringComparison.Ordinal)).ToList();
        Assert.True(tokens[1].Height < tokens[0].Height);

        XElement reference = Groups(root, "reference").Single();
        Assert.Contains("base case $8,000", reference.Value);
        Assert.Equal(origin, Attr(reference.Element(Svg + "line")!, "x1"), 0.11);
        var labels = Groups(root, "value-labels").Single().Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["-$2.00K", "$20.0K", "-$9.00K", "$4.70K", "$11.0K", "$9.10K"], labels);
    }

    [Fact]
    public void TornadoIsDeterministicAndCultureFree()
    {
        string invariant;
        using (new CultureScope(""))
        {
            invariant = SvgChartRenderer.Render(Tornado());
        }
        using (new CultureScope("ar-SA"))
        {
            Assert.Equal(invariant, SvgChartRenderer.Render(Tornado()));
        }
        XElement.Parse(invariant);
    }
}
