using System.Xml.Linq;
using Planner.Reports.Charts;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using Palette = Planner.Reports.Charts.Palette;

namespace Planner.Reports.Tests;

/// <summary>The series kinds of the decision charts: P10–P90 bands, step lines and tornado bars.</summary>
public sealed class DecisionChartTests
{
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

    private static List<string> ValueLabels(BuiltPlot built) => ((NumericManual)built.Plot.Axes.Left.TickGenerator).Ticks.Select(t => t.Label).ToList();

    [Fact]
    public void BandIsATranslucentFillBeneathTheLines()
    {
        ChartSpec spec = Fan(
            new ChartSeries { Name = "api", Points = Points(2, 3, 4, 5, 6), ColorIndex = 0 },
            Band("api P10–P90", [1, 2, 2.5, 3, 3.5], [3, 4.5, 6, 8, 11])) with { Legend = true };
        using BuiltPlot built = ChartRendererTests.Build(spec);

        FillY band = built.Plot.GetPlottables<FillY>().Single();
        Assert.Equal(Color.FromHex("#0072B2").WithOpacity(0.2), band.FillColor);
        AxisLimits limits = band.GetAxisLimits();
        Assert.Equal((0.0, 4.0, 1.0, 11.0), (limits.Left, limits.Right, limits.Bottom, limits.Top));
        // The axis reaches the band's top, not only the line's.
        Assert.Equal("$15", ValueLabels(built)[^1]);
        // Bands come first so that lines are drawn over them.
        List<IPlottable> order = built.Plot.GetPlottables().ToList();
        Assert.True(order.IndexOf(band) < order.IndexOf(built.Plot.GetPlottables<Scatter>().Single()));
        // Left out of the legend, as asked.
        Assert.Equal(["api"], built.Plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void BandLeftOutOfTheLegendWhenAskedAndSplitAtGaps()
    {
        ChartSpec spec = Fan(
            Band("a band", [1, double.NaN, 2, 2, 2], [2, 3, 4, 5, 6]),
            new ChartSeries { Name = "a", Points = Points(1.5, 2, 3, 4, 5) },
            new ChartSeries { Name = "b", Points = Points(1, 1, 1, 1, 1), ColorIndex = 1 }) with { Legend = true };
        using BuiltPlot built = ChartRendererTests.Build(spec);
        Assert.Equal(["a", "b"], built.Plot.Legend.ManualItems.Select(i => i.LabelText));
        // Month 1 alone cannot be shaded; months 3 to 5 are one band.
        FillY band = built.Plot.GetPlottables<FillY>().Single();
        Assert.Equal((2.0, 4.0), (band.GetAxisLimits().Left, band.GetAxisLimits().Right));
    }

    [Fact]
    public void BandInTheLegendIsATranslucentSwatch()
    {
        ChartSpec spec = Fan(Band("range", [1, 1, 1, 1, 1], [2, 2, 2, 2, 2]) with { InLegend = true }, new ChartSeries { Name = "median", Points = Points(1.5, 1.5, 1.5, 1.5, 1.5) });
        using BuiltPlot built = ChartRendererTests.Build(spec);
        List<LegendItem> items = built.Plot.Legend.ManualItems;
        Assert.Equal(51, items[0].FillColor.A);
        Assert.Equal(0, items[0].LineWidth);
        Assert.True(items[1].LineWidth > 0);
    }

    [Fact]
    public void StepLineJumpsHalfwayBetweenMonths()
    {
        ChartSpec spec = Fan(new ChartSeries { Name = "paid off", Kind = SeriesKind.Step, Points = Points(0, 0.1, 0.5, 0.8, 0.9) }) with
        {
            Y = new ChartAxis { Format = ValueFormat.Percent, Min = 0, Max = 1 },
        };
        using BuiltPlot built = ChartRendererTests.Build(spec);
        List<Coordinates> path = built.Plot.GetPlottables<Scatter>().Single().Data.GetScatterPoints().ToList();
        Assert.Equal([0, 0.5, 0.5, 1.5, 1.5, 2.5, 2.5, 3.5, 3.5, 4], path.Select(p => p.X));
        Assert.Equal([0, 0, 0.1, 0.1, 0.5, 0.5, 0.8, 0.8, 0.9, 0.9], path.Select(p => p.Y));
        Assert.Equal("100%", ValueLabels(built)[^1]);
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
        using BuiltPlot built = ChartRendererTests.Build(Tornado());
        List<BarPlot> plots = built.Plot.GetPlottables<BarPlot>().ToList();
        Assert.Equal(2, plots.Count);
        Assert.Equal(Color.FromHex(Palette.ForSeries(5)), plots[0].Bars[0].FillColor);
        List<Bar> bars = plots.SelectMany(p => p.Bars).ToList();
        // "API price" at P90 sits on the base and has no bar.
        Assert.Equal(7, bars.Count);
        Assert.All(bars, b => Assert.Equal(8_000, b.ValueBase));
        Assert.All(bars, b => Assert.Equal(Orientation.Horizontal, b.Orientation));
        // Categories run down the chart in the given order (largest swing first), both bars of one in the same row.
        Assert.Equal(["tokens", "GPU price", "API price", "growth"], ((NumericManual)built.Plot.Axes.Left.TickGenerator).Ticks.OrderBy(t => t.Position).Select(t => t.Label));
        Assert.Equal([3.0, 2, 1, 0, 3, 1, 0], bars.Select(b => b.Position));
        // The total length of each row follows the swing.
        double Span(double row) => bars.Where(b => b.Position == row).Sum(b => Math.Abs(b.Value - b.ValueBase));
        Assert.True(Span(3) > Span(2) && Span(2) > Span(1), "rows shrink down the chart");
        // "tokens" has both ends above the base: the second bar is drawn thinner, inside the row.
        var tokens = bars.Where(b => b.Position == 0).ToList();
        Assert.True(tokens[1].Size < tokens[0].Size);

        Assert.Contains(built.Plot.GetPlottables<VerticalLine>(), l => l.X == 8_000 && l.LinePattern.Intervals is { Length: > 0 });
        Assert.Contains(built.Texts, t => t.Text == "base case $8,000");
        var labels = built.Texts.Where(t => t.Alignment is Alignment.MiddleLeft or Alignment.MiddleRight).Select(t => t.Text).ToList();
        Assert.Equal(["-$2.00K", "$20.0K", "-$9.00K", "$4.70K", "$11.0K", "$9.10K"], labels);
        Assert.Equal(["at P10", "at P90"], built.Plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void TornadoIsDeterministicAndCultureFree()
    {
        string invariant;
        using (new CultureScope(""))
        {
            invariant = ChartRenderer.Svg(Tornado());
        }
        using (new CultureScope("ar-SA"))
        {
            Assert.Equal(invariant, ChartRenderer.Svg(Tornado()));
        }
        XElement.Parse(invariant);
    }
}
