using System.Xml.Linq;
using Planner.Reports.Charts;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Planner.Reports.Tests;

/// <summary>
/// The value axis is chosen from the target and the options that meet it, and whatever lies
/// beyond is marked: an arrow where a line leaves, triangles for points, a note on the chart and
/// in its description.
/// </summary>
public sealed class AxisFocusTests
{
    private static IReadOnlyList<double>[] Series(params double[][] values) => values.Select(v => (IReadOnlyList<double>)v).ToArray();

    [Fact]
    public void NoTargetOrNothingFarOffLeavesTheAxisToTheData()
    {
        Assert.Null(AxisFocus.UpperLimit(Series([100, 5000]), null));
        // 3,700 ms is within 1.25 × the 3,000 ms reach: the axis stretches to it.
        Assert.Null(AxisFocus.UpperLimit(Series([1200, 1210], [600, 3700]), 1500));
        Assert.Null(AxisFocus.UpperLimit(Series([double.NaN]), 1500));
    }

    [Fact]
    public void OneOptionFarOffIsCutAtTwiceTheSlo()
    {
        // The bundled chat scenario: the API near 1.2 s, two GPUs well under, the A10G up to 8.6 s, SLO 1.5 s.
        double? top = AxisFocus.UpperLimit(Series([1191, 1215], [654, 710], [2900, 8628, double.NaN], [282, 294]), 1500);
        Assert.Equal(3000, top);
    }

    [Fact]
    public void TheReachFollowsTheOptionsThatMeetTheTarget()
    {
        // Only series at or below the target every time count as meeting it; the highest of them sets the reach.
        Assert.Equal(2000, AxisFocus.UpperLimit(Series([900, 950], [1800, 1900], [50_000]), 1000));
        Assert.Equal(2 * 1000, AxisFocus.UpperLimit(Series([1500, 2500], [40_000]), 1000));
    }

    private static ChartSpec Latency(IReadOnlyList<double> far, SeriesStyle style = SeriesStyle.Solid) => new()
    {
        Id = "ttft",
        Title = "TTFT p95",
        Description = "p95 TTFT per option.",
        X = new ChartAxis { Categories = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"] },
        Y = new ChartAxis { Label = "ms", Format = ValueFormat.Milliseconds, Max = 3000 },
        Series =
        [
            new ChartSeries { Name = "api", Points = [new(0, 1200), new(1, 1210), new(2, 1190), new(3, 1200), new(4, 1215)] },
            new ChartSeries { Name = "a10g", Points = far.Select((y, i) => new ChartPoint(i, y)).ToList(), Style = style },
        ],
        ReferenceLines = [new ReferenceLine(1500, "SLO")],
    };

    [Fact]
    public void ALineLeavingThePlotGetsAnArrowAndANote()
    {
        ChartSpec spec = Latency([2000, 2800, 4000, 6000, 8628]);
        using BuiltPlot built = ChartRendererTests.Build(spec);
        Assert.Equal(["0 s", "1 s", "2 s", "3 s"], ((NumericManual)built.Plot.Axes.Left.TickGenerator).Ticks.Select(t => t.Label));
        string note = Assert.Single(built.Notes);
        Assert.Equal("a10g above 3 s from 2027-03 (up to 8.63 s).", note);
        Arrow arrow = built.Plot.GetPlottables<Arrow>().Single();
        // Where the line crosses 3 s, between February (2.8 s) and March (4 s).
        Assert.Equal(1 + 200.0 / 1200, arrow.Tip.X, 9);
        Assert.Equal(3000, arrow.Tip.Y, 9);
        Assert.Contains(built.Texts, t => t.Text == note.TrimEnd('.'));
        string desc = (string)XElement.Parse(ChartRenderer.Svg(spec)).Element((XNamespace)"http://www.w3.org/2000/svg" + "desc")!;
        Assert.Equal("p95 TTFT per option. Off the scale: a10g above 3 s from 2027-03 (up to 8.63 s).", desc);
    }

    [Fact]
    public void NotesSayWhenALineIsAboveOnlyPartOfTheTime()
    {
        using BuiltPlot always = ChartRendererTests.Build(Latency([4000, 5000, 6000, 7000, 8000]));
        Assert.Equal("a10g above 3 s throughout (up to 8.00 s).", Assert.Single(always.Notes));
        using BuiltPlot partly = ChartRendererTests.Build(Latency([2000, 4000, 2500, 5000, 2000]));
        Assert.Equal("a10g above 3 s in 2 of 5 points from 2027-02 (up to 5.00 s).", Assert.Single(partly.Notes));
        using BuiltPlot none = ChartRendererTests.Build(Latency([2000, 2100, 2500, 2900, 3000]));
        Assert.Empty(none.Notes);
        Assert.Empty(none.Plot.GetPlottables<Arrow>());
    }

    [Fact]
    public void ANoteWiderThanThePlotGoesOntoTwoLinesWithinTheChart()
    {
        // At ten times a consumer scenario's traffic, "llama-8b-h100x8 above 2,000 ms in 9 of 24
        // points from 2027-01 (up to 5.45 s)" ran off the chart's right edge.
        ChartSpec spec = Latency([4000, 2000, 5000, 2000, 6000]);
        spec = spec with { Series = [spec.Series[0], spec.Series[1] with { Name = "llama-8b-h100x8-on-lambda-8x" }] };
        using BuiltPlot built = ChartRendererTests.Build(spec);
        Assert.Equal("llama-8b-h100x8-on-lambda-8x above 3 s in 3 of 5 points from 2027-01 (up to 6.00 s).", Assert.Single(built.Notes));
        FigureText first = Assert.Single(built.Texts, t => t.Text == "llama-8b-h100x8-on-lambda-8x above 3 s in 3 of 5 points from 2027-01");
        FigureText second = Assert.Single(built.Texts, t => t.Text == "(up to 6.00 s)");
        Assert.Equal(first.X, second.X);
        Assert.True(second.Y > first.Y);
        using Paint paint = Paint.NewDisposablePaint();
        foreach (FigureText text in new[] { first, second })
        {
            float width = new LabelStyle { FontName = ChartFonts.Family, FontSize = text.Size }.Measure(text.Text, paint).Width;
            Assert.True(text.X >= 0 && text.X + width <= spec.Width, $"'{text.Text}' spans {text.X:F0} to {text.X + width:F0} px of {spec.Width}");
        }
    }

    [Fact]
    public void AReferenceLabelThatNotesWouldCoverMovesBelowItsLine()
    {
        // Two notes down from the top reach the label of a reference line near the top of the scale.
        ChartSpec spec = Latency([4000, 5000, 6000, 7000, 8000]) with { ReferenceLines = [new ReferenceLine(2400, "SLO: p95 ≤ 2,400 ms")] };
        ChartSeries far = spec.Series[1];
        spec = spec with { Series = [spec.Series[0], .. Enumerable.Range(1, 2).Select(i => far with { Name = $"self-hosted-option-{i}" })] };
        using BuiltPlot crowded = ChartRendererTests.Build(spec);
        Assert.Equal(2, crowded.Notes.Count);
        Assert.Equal(Alignment.UpperRight, Assert.Single(crowded.Texts, t => t.Text == "SLO: p95 ≤ 2,400 ms").Alignment);
        using BuiltPlot clear = ChartRendererTests.Build(spec with { Series = [spec.Series[0], spec.Series[1]] });
        Assert.Equal(Alignment.LowerRight, Assert.Single(clear.Texts, t => t.Text == "SLO: p95 ≤ 2,400 ms").Alignment);
    }

    [Fact]
    public void ALineOnTopOfAnotherIsDashedAndSaysWhichItRepeats()
    {
        // A hybrid that never overflows costs what its fleet alone costs: its line hid the fleet's.
        ChartSpec spec = Latency([2000, 2100, 2500, 2900, 3000]);
        spec = spec with { Series = [.. spec.Series, spec.Series[1] with { Name = "hybrid", Points = [.. spec.Series[1].Points.Select(p => p with { Y = p.Y * 1.001 })] }] };
        using BuiltPlot built = ChartRendererTests.Build(spec);
        Scatter[] lines = built.Plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal(LinePattern.Solid.Name, lines[1].LinePattern.Name);
        Assert.Equal("planner-overlaid", lines[2].LinePattern.Name);
        Assert.Equal(["api", "a10g", "hybrid (same as a10g)"], built.Plot.Legend.ManualItems.Select(i => i.LabelText));
        // Apart at one point of five (by a tenth of the axis), it is still drawn over the other where they meet.
        ChartSpec partly = spec with { Series = [.. spec.Series.Take(2), spec.Series[2] with { Points = [.. spec.Series[1].Points.Select(p => p with { Y = p.X == 4 ? p.Y - 300 : p.Y })] }] };
        using BuiltPlot meeting = ChartRendererTests.Build(partly);
        Assert.Equal("planner-overlaid", meeting.Plot.GetPlottables<Scatter>().Last().LinePattern.Name);
        Assert.Equal(["api", "a10g", "hybrid (dashed: meets a10g at 4 of 5 points)"], meeting.Plot.Legend.ManualItems.Select(i => i.LabelText));
        // Apart at most points, it is drawn as it is.
        ChartSpec apart = spec with { Series = [.. spec.Series.Take(2), spec.Series[2] with { Points = [.. spec.Series[1].Points.Select(p => p with { Y = p.X >= 2 ? p.Y - 300 : p.Y })] }] };
        using BuiltPlot separate = ChartRendererTests.Build(apart);
        Assert.All(separate.Plot.GetPlottables<Scatter>(), l => Assert.Equal(LinePattern.Solid.Name, l.LinePattern.Name));
        Assert.Equal(["api", "a10g", "hybrid"], separate.Plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void PointsBeyondTheScaleAreCountedAndShownAtTheEdge()
    {
        using BuiltPlot built = ChartRendererTests.Build(Latency([2000, 40_000, 900_000, 2500, 60_000], SeriesStyle.Points));
        Assert.Equal("a10g: 3 points above 3 s (up to 900 s).", Assert.Single(built.Notes));
        List<Marker> triangles = built.Plot.GetPlottables<Marker>().Where(m => m.MarkerShape == MarkerShape.FilledTriangleUp).ToList();
        Assert.Equal([1.0, 2, 4], triangles.Select(t => t.X));
        Assert.All(triangles, t => Assert.Equal(3000, t.Y));
    }
}
