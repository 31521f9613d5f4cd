using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Planner.Reports.Charts;

/// <summary>
/// Turns a <see cref="ChartSpec"/> into a ScottPlot <see cref="Plot"/>. The layout is fixed here
/// rather than left to ScottPlot, so that the title and the y-axis label read horizontally above
/// the plot, the legend wraps under it, and labels can be placed where they do not collide; ticks
/// are Planner's own (1-2-5 steps, labels written by <see cref="AxisFormatter"/>), so no label
/// depends on ScottPlot's number formatting or the culture. Values beyond a capped axis
/// (<see cref="AxisFocus"/>) leave the plot and are named in a note on the chart.
/// </summary>
internal sealed class PlotBuilder
{
    private const float Pad = 12;
    private const float TitleSize = 17;
    private const float LabelSize = 13;
    private const float TickSize = 13;
    private const float LegendGap = 8;

    private static readonly Color Ink = Color.FromHex("#222222");
    private static readonly Color Muted = Color.FromHex("#555555");
    private static readonly Color GridColor = Color.FromHex("#e3e3e3");
    private static readonly Color AxisLine = Color.FromHex("#8c8c8c");
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly LinePattern Dashed = new([7, 4], 0, "planner-dashed");

    /// <summary>A line drawn over an earlier one it coincides with: short dashes with gaps the line below shows through.</summary>
    private static readonly LinePattern Overlaid = new([5, 5], 0, "planner-overlaid");

    /// <summary>Share of the value axis within which two lines' points are drawn on top of each other (about the line's width).</summary>
    private const double CoincidentShare = 0.01;
    private static readonly LinePattern ReferenceDash = new([5, 4], 0, "planner-reference");

    private readonly ChartSpec _spec;
    private readonly Plot _plot;
    private readonly Paint _paint = Paint.NewDisposablePaint();
    private readonly List<FigureText> _texts = [];
    private readonly List<string> _notes = [];
    // Line series drawn over an earlier line, by index: the earlier one's name, and at how many of how many points they meet.
    private Dictionary<int, (string Under, int Met, int Of)>? _overlaid;
    // The off-scale notes' boxes and the reference lines' labels (index in _texts, the line's pixel y).
    private readonly List<(float Left, float Top, float Right, float Bottom)> _noteBoxes = [];
    private readonly List<(int Text, float LineY)> _referenceLabels = [];
    private AxisTicks _valueTicks = new(0, 1, 1, [0, 1]);
    private double _xMin, _xMax;
    private float _left, _right, _top, _bottom;

    private PlotBuilder(ChartSpec spec)
    {
        _spec = spec;
        ChartFonts.EnsureRegistered();
        _plot = new Plot();
    }

    /// <summary>The plot, with the notes on what it could not show (values off the scale) in the order drawn.</summary>
    public static BuiltPlot Build(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var builder = new PlotBuilder(spec);
        try
        {
            if (spec.Kind is ChartKind.Bar or ChartKind.Tornado)
            {
                builder.BuildBars();
            }
            else
            {
                builder.BuildXy();
            }
            return new BuiltPlot(builder._plot, builder._notes, builder._texts, builder._valueTicks);
        }
        finally
        {
            builder._paint.Dispose();
        }
    }

    private bool IsLog => _spec.Y.Scale == AxisScale.Logarithmic && _spec.Kind is ChartKind.Line;

    private void BuildXy()
    {
        Style();
        Legend? legend = MakeLegend(area: _spec.Kind == ChartKind.StackedArea, out float legendHeight);
        _top = _spec.Y.Label.Length > 0 ? 60 : 42;
        float xLabel = _spec.X.Label.Length > 0 ? 18 : 0;
        _bottom = _spec.Height - Pad - legendHeight - (legend is null ? 0 : LegendGap) - xLabel - 22;
        _valueTicks = ValueTicks(ValueExtent(), MaxTicks(_bottom - _top, 42));
        List<Tick> yTicks = _valueTicks.Values.Select(v => new Tick(Map(v), AxisFormatter.Format(v, _spec.Y.Format, _valueTicks.Step), true)).ToList();
        _left = Pad + (float)Math.Ceiling(yTicks.Max(t => Width(t.Label, TickSize))) + 8;
        List<Tick> xTicks = XTicks(out float lastHalfWidth);
        _right = _spec.Width - Pad - Math.Max(14, lastHalfWidth + 2);

        _plot.Axes.Left.TickGenerator = new NumericManual([.. yTicks]);
        _plot.Axes.Bottom.TickGenerator = new NumericManual([.. xTicks]);
        _plot.Axes.SetLimits(_xMin, _xMax, Map(_valueTicks.Min), Map(_valueTicks.Max));
        _plot.Grid.XAxisStyle.IsVisible = false;
        _plot.Axes.Bottom.MajorTickStyle.Length = 7;
        _plot.Axes.Bottom.FrameLineStyle.Width = 1;
        _plot.Axes.Bottom.FrameLineStyle.Color = AxisLine;
        if (_spec.X.Label.Length > 0)
        {
            _texts.Add(new FigureText(_spec.X.Label, (_left + _right) / 2, _bottom + 22 + xLabel + 2, Alignment.LowerCenter, LabelSize, Muted));
        }

        if (_spec.Kind == ChartKind.StackedArea)
        {
            StackedAreas();
        }
        else
        {
            Bands();
            Lines();
        }
        ReferenceLines();
        Markers();
        OffScale();
        ReferenceLabelsClearOfNotes();
        Finish(legend, legendHeight);
    }

    private void BuildBars()
    {
        Style();
        IReadOnlyList<string> categories = _spec.X.Categories ?? [];
        bool tornado = _spec.Kind == ChartKind.Tornado;
        Legend? legend = MakeLegend(area: true, out float legendHeight);
        // A vertical reference line is labelled above the plot, which needs a line of its own.
        float referenceRoom = _spec.ReferenceLines.Count > 0 ? TickSize + 8 : 0;
        _top = (_spec.Y.Label.Length > 0 ? 60 : 42) + referenceRoom;
        _bottom = _spec.Height - Pad - legendHeight - (legend is null ? 0 : LegendGap) - 22;
        float categoryWidth = categories.Count == 0 ? 0 : categories.Max(c => Width(c, LabelSize));
        float leftValueRoom = tornado && _spec.ValueLabels ? 58 : 0;
        float labelRoom = Math.Min((float)Math.Ceiling(categoryWidth), _spec.Width * (tornado ? 0.38f : 0.45f));
        _left = Pad + labelRoom + 10 + leftValueRoom;
        _right = _spec.Width - Pad - (_spec.ValueLabels ? 64 : 14);
        _valueTicks = ValueTicks(ValueExtent(), MaxTicks(_right - _left, 70));

        // Categories run down the side, the first on top: category i sits at n - 1 - i.
        int n = Math.Max(1, categories.Count);
        var categoryTicks = categories.Select((c, i) => new Tick(n - 1 - i, Fit(c, _left - 8 - leftValueRoom - Pad, LabelSize), true)).ToArray();
        var valueTicks = _valueTicks.Values.Select(v => new Tick(v, AxisFormatter.Format(v, _spec.Y.Format, _valueTicks.Step), true)).ToArray();
        _plot.Axes.Left.TickGenerator = new NumericManual(categoryTicks);
        _plot.Axes.Left.TickLabelStyle.ForeColor = Ink;
        _plot.Axes.Left.TickLabelStyle.FontSize = LabelSize;
        _plot.Axes.Left.MajorTickStyle.Length = leftValueRoom + 8;
        _plot.Axes.Left.MajorTickStyle.Color = Colors.Transparent;
        _plot.Axes.Bottom.TickGenerator = new NumericManual(valueTicks);
        _plot.Axes.SetLimits(_valueTicks.Min, _valueTicks.Max, -0.5, n - 0.5);
        _xMin = _valueTicks.Min;
        _xMax = _valueTicks.Max;
        _plot.Grid.YAxisStyle.IsVisible = false;

        double rowPixels = (_bottom - _top) / (double)n;
        double origin = _spec.BarBase ?? Math.Max(_valueTicks.Min, 0);
        if (tornado)
        {
            TornadoBars(categories, rowPixels, origin);
        }
        else
        {
            GroupedBars(categories, rowPixels, origin);
        }
        _plot.Add.VerticalLine(origin, 1, AxisLine, LinePattern.Solid);
        VerticalReferenceLines();
        Finish(legend, legendHeight);
    }

    private void Style()
    {
        _plot.FigureBackground.Color = Colors.White;
        _plot.DataBackground.Color = Colors.White;
        _plot.Axes.Title.IsVisible = false;
        _plot.Axes.Top.IsVisible = false;
        _plot.Axes.Right.IsVisible = false;
        foreach (IAxis axis in new IAxis[] { _plot.Axes.Left, _plot.Axes.Bottom })
        {
            axis.FrameLineStyle.Width = 0;
            axis.MajorTickStyle.Length = 4;
            axis.MajorTickStyle.Color = Colors.Transparent;
            axis.MinorTickStyle.Length = 0;
            axis.TickLabelStyle.FontName = ChartFonts.Family;
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = Muted;
            axis.Label.Text = "";
        }
        _plot.Grid.MajorLineColor = GridColor;
        _plot.Grid.MajorLineWidth = 1;
        _plot.Grid.MinorLineWidth = 0;
        _plot.HideLegend();

        float size = TitleSize;
        while (size > 11 && Width(_spec.Title, size, bold: true) > _spec.Width - 2 * Pad)
        {
            size -= 0.5f;
        }
        _texts.Add(new FigureText(_spec.Title, Pad, 6, Alignment.UpperLeft, size, Ink, Bold: true));
        if (_spec.Y.Label.Length > 0)
        {
            _texts.Add(new FigureText(_spec.Y.Label, Pad, 31, Alignment.UpperLeft, LabelSize, Muted));
        }
    }

    private void Finish(Legend? legend, float legendHeight)
    {
        _plot.Layout.Fixed(new PixelRect(_left, _right, _bottom, _top));
        var legendRect = new PixelRect(Pad, _spec.Width - Pad, _spec.Height - Pad, _spec.Height - Pad - legendHeight);
        _plot.Axes.AddPanel(new OverlayPanel(_texts, legend, legendRect));
    }

    private Legend? MakeLegend(bool area, out float height)
    {
        height = 0;
        List<int> listed = Enumerable.Range(0, _spec.Series.Count).Where(i => _spec.Series[i].InLegend).ToList();
        if (!(_spec.Legend ?? listed.Count >= 2) || listed.Count == 0)
        {
            return null;
        }
        Legend legend = _plot.Legend;
        legend.FontName = ChartFonts.Family;
        legend.FontSize = LabelSize;
        legend.FontColor = Ink;
        legend.Orientation = Orientation.Horizontal;
        legend.TightHorizontalWrapping = true;
        legend.Padding = new PixelPadding(0);
        legend.Margin = new PixelPadding(0);
        legend.InterItemPadding = new PixelPadding(0, 16, 4, 0);
        legend.SymbolWidth = 18;
        legend.SymbolPadding = 5;
        legend.OutlineStyle.Width = 0;
        legend.OutlineStyle.IsVisible = false;
        legend.ShadowFillStyle.Color = Colors.Transparent;
        legend.BackgroundFillStyle.Color = Colors.Transparent;
        legend.DisplayPlottableLegendItems = false;
        foreach (int index in listed)
        {
            ChartSeries s = _spec.Series[index];
            Color color = SeriesColor(s, index);
            var item = new LegendItem
            {
                LabelText = Overlay(index) is var (under, met, of)
                    ? met == of ? $"{s.Name} (same as {under})" : $"{s.Name} (dashed: meets {under} at {met.ToString(C)} of {of.ToString(C)} points)"
                    : s.Name,
            };
            if (area || _spec.Kind is ChartKind.Bar or ChartKind.Tornado)
            {
                item.FillColor = color;
                item.LineWidth = 0;
            }
            else if (s.Kind == SeriesKind.Band)
            {
                item.FillColor = color.WithOpacity(0.2);
                item.LineWidth = 0;
            }
            else if (s.Style == SeriesStyle.Points)
            {
                item.MarkerShape = MarkerShape.FilledCircle;
                item.MarkerSize = 8;
                item.MarkerFillColor = color;
                item.MarkerLineColor = color;
                item.LineWidth = 0;
            }
            else
            {
                item.LineColor = color;
                item.LineWidth = 3;
                item.LinePattern = Overlay(index) is not null ? Overlaid : s.Style == SeriesStyle.Dashed ? Dashed : LinePattern.Solid;
            }
            legend.ManualItems.Add(item);
        }
        LegendLayout layout = legend.GetLayout(new PixelSize(_spec.Width - 2 * Pad, _spec.Height), _paint);
        height = (float)Math.Ceiling(layout.LegendRect.Height);
        return legend;
    }

    /// <summary>A value in plot coordinates: its logarithm on a log axis, NaN where a log axis cannot show it.</summary>
    private double Map(double v) => IsLog ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

    private (double Min, double Max) ValueExtent()
    {
        var values = new List<double>();
        if (_spec.Kind == ChartKind.StackedArea)
        {
            values.AddRange(StackTotals().Values);
        }
        else
        {
            values.AddRange(_spec.Series.SelectMany(s => s.Points).Select(p => p.Y));
            values.AddRange(_spec.Series.SelectMany(s => s.Lower ?? []).Select(p => p.Y));
        }
        if (_spec.BarBase is double barBase)
        {
            values.Add(barBase);
        }
        values.AddRange(_spec.ReferenceLines.Select(r => r.Y));
        values.AddRange(_spec.Markers.Select(m => m.Y));
        List<double> usable = values.Where(v => double.IsFinite(v) && (!IsLog || v > 0)).ToList();
        // What a capped axis leaves off does not widen it.
        if (_spec.Y.Max is double cap)
        {
            usable = usable.Where(v => v <= cap).Append(cap).ToList();
        }
        if (_spec.Y.Min is double floor)
        {
            usable = usable.Where(v => v >= floor).Append(floor).ToList();
        }
        if (usable.Count == 0)
        {
            return IsLog ? (1, 10) : (0, 1);
        }
        double min = usable.Min(), max = usable.Max();
        if (!IsLog && (_spec.Y.IncludeZero || _spec.Kind != ChartKind.Line))
        {
            min = Math.Min(0, min);
            max = Math.Max(0, max);
        }
        else if (!IsLog)
        {
            double pad = (max - min) * 0.08;
            min = min - pad < 0 && min >= 0 ? 0 : min - pad;
        }
        return (_spec.Y.Min ?? min, _spec.Y.Max ?? max);
    }

    private AxisTicks ValueTicks((double Min, double Max) extent, int maxTicks) =>
        IsLog ? NiceScale.Logarithmic(extent.Min, extent.Max) : NiceScale.Linear(extent.Min, extent.Max, maxTicks);

    private static int MaxTicks(double length, double spacing) => Math.Clamp((int)Math.Floor(length / spacing) + 1, 3, 8);

    private SortedDictionary<double, double> StackTotals()
    {
        var totals = new SortedDictionary<double, double>();
        foreach (ChartPoint p in _spec.Series.SelectMany(s => s.Points))
        {
            totals[p.X] = totals.GetValueOrDefault(p.X) + (double.IsFinite(p.Y) ? Math.Max(0, p.Y) : 0);
        }
        return totals;
    }

    private List<Tick> XTicks(out float lastHalfWidth)
    {
        var ticks = new List<Tick>();
        float width = _spec.Width - Pad - 26 - _left;
        if (_spec.X.Categories is { } categories)
        {
            float labelWidth = categories.Count == 0 ? 1 : categories.Max(c => Width(c, TickSize)) + 14;
            int maxLabels = Math.Max(1, (int)Math.Floor(width / labelWidth) + 1);
            int step = new[] { 1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120 }.FirstOrDefault(s => (categories.Count - 1) / s + 1 <= maxLabels, 120);
            for (int i = 0; i < categories.Count; i += step)
            {
                ticks.Add(new Tick(i, categories[i], true));
            }
            (_xMin, _xMax) = categories.Count <= 1 ? (-0.5, 0.5) : (0, categories.Count - 1);
        }
        else
        {
            List<double> xs = _spec.Series.SelectMany(s => s.Points).Select(p => p.X).Where(double.IsFinite).ToList();
            double min = _spec.X.Min ?? (xs.Count > 0 ? xs.Min() : 0), max = _spec.X.Max ?? (xs.Count > 0 ? xs.Max() : 1);
            AxisTicks t = _spec.X.Format == ValueFormat.HourOfDay ? HourTicks(min, max, width) : NiceScale.Linear(min, max, MaxTicks(width, 80));
            ticks.AddRange(t.Values.Select(v => new Tick(v, AxisFormatter.Format(v, _spec.X.Format, t.Step), true)));
            (_xMin, _xMax) = (t.Min, t.Max);
        }
        lastHalfWidth = ticks.Count == 0 ? 0 : Width(ticks[^1].Label, TickSize) / 2;
        return ticks;
    }

    private static AxisTicks HourTicks(double min, double max, double width)
    {
        int maxLabels = MaxTicks(width, 56);
        double step = new double[] { 1, 2, 3, 4, 6, 12, 24 }.FirstOrDefault(s => Math.Ceiling(max / s) - Math.Floor(min / s) + 1 <= maxLabels, 24);
        double first = Math.Floor(min / step) * step, last = Math.Ceiling(max / step) * step;
        var values = new List<double>();
        for (double v = first; v <= last + 1e-9; v += step)
        {
            values.Add(v);
        }
        return new AxisTicks(first, last, step, values);
    }

    private Color SeriesColor(ChartSeries s, int index) => Color.FromHex(Palette.ForSeries(s.ColorIndex ?? index));

    /// <summary>Runs of consecutive points a line can join: a NaN (or, on a log axis, a value at or below zero) breaks the line.</summary>
    private List<List<ChartPoint>> Runs(IReadOnlyList<ChartPoint> points)
    {
        var runs = new List<List<ChartPoint>>();
        var run = new List<ChartPoint>();
        foreach (ChartPoint p in points)
        {
            if (double.IsFinite(p.X) && double.IsFinite(Map(p.Y)))
            {
                run.Add(p);
            }
            else if (run.Count > 0)
            {
                runs.Add(run);
                run = [];
            }
        }
        if (run.Count > 0)
        {
            runs.Add(run);
        }
        return runs;
    }

    private void Lines()
    {
        for (int s = 0; s < _spec.Series.Count; s++)
        {
            ChartSeries series = _spec.Series[s];
            if (series.Kind == SeriesKind.Band)
            {
                continue;
            }
            Color color = SeriesColor(series, s);
            foreach (List<ChartPoint> run in Runs(series.Points))
            {
                if (series.Style == SeriesStyle.Points)
                {
                    Scatter dots = _plot.Add.ScatterPoints(run.Select(p => p.X).ToArray(), run.Select(p => Map(p.Y)).ToArray(), color.WithOpacity(0.75));
                    dots.MarkerShape = MarkerShape.FilledCircle;
                    dots.MarkerSize = 7;
                    continue;
                }
                if (run.Count == 1)
                {
                    Marker dot = _plot.Add.Marker(run[0].X, Map(run[0].Y), MarkerShape.FilledCircle, 6, color);
                    dot.LegendText = "";
                    continue;
                }
                List<(double X, double Y)> path = series.Kind == SeriesKind.Step ? StepPath(run) : run.Select(p => (p.X, Map(p.Y))).ToList();
                Scatter line = _plot.Add.ScatterLine(path.Select(p => p.X).ToArray(), path.Select(p => p.Y).ToArray(), color);
                line.LineWidth = 2.25f;
                line.LineStyle.Rounded = true;
                line.LinePattern = Overlay(s) is not null ? Overlaid : series.Style == SeriesStyle.Dashed ? Dashed : LinePattern.Solid;
            }
        }
    }

    /// <summary>
    /// The earlier line that series <paramref name="index"/> is drawn over, or null: one it meets
    /// (within <see cref="CoincidentShare"/> of the value axis) at half its points or more. Such a
    /// line is drawn dashed, so that the one under it shows, and its legend entry names the other:
    /// a hybrid that seldom overflowed drew its line over its fleet option's, which then showed in
    /// the legend only.
    /// </summary>
    private (string Under, int Met, int Of)? Overlay(int index)
    {
        if (_overlaid is null)
        {
            _overlaid = [];
            if (_spec.Kind != ChartKind.Line)
            {
                return null;
            }
            (double low, double high) = ValueExtent();
            double span = Map(high) - Map(low);
            double tolerance = double.IsFinite(span) && span > 0 ? CoincidentShare * span : 0;
            static bool IsLine(ChartSeries c) => c.Kind != SeriesKind.Band && c.Style != SeriesStyle.Points;
            bool Meet(double a, double b) => double.IsFinite(Map(a)) && double.IsFinite(Map(b)) && Math.Abs(Map(a) - Map(b)) <= tolerance;
            for (int i = 0; i < _spec.Series.Count; i++)
            {
                ChartSeries later = _spec.Series[i];
                int drawn = later.Points.Count(p => double.IsFinite(Map(p.Y)));
                if (!IsLine(later) || drawn < 2)
                {
                    continue;
                }
                for (int j = 0; j < i; j++)
                {
                    ChartSeries earlier = _spec.Series[j];
                    if (!IsLine(earlier) || _overlaid.ContainsKey(j) || earlier.Kind != later.Kind || earlier.Points.Count != later.Points.Count
                        || earlier.Points.Zip(later.Points).Any(p => p.First.X != p.Second.X))
                    {
                        continue;
                    }
                    int met = earlier.Points.Zip(later.Points).Count(p => Meet(p.First.Y, p.Second.Y));
                    if (2 * met >= drawn)
                    {
                        _overlaid[i] = (earlier.Name, met, drawn);
                        break;
                    }
                }
            }
        }
        return _overlaid.TryGetValue(index, out var overlay) ? overlay : null;
    }

    /// <summary>Each value holds around its own point: the jump comes halfway between two points.</summary>
    private List<(double X, double Y)> StepPath(List<ChartPoint> run)
    {
        var path = new List<(double X, double Y)> { (run[0].X, Map(run[0].Y)) };
        for (int i = 1; i < run.Count; i++)
        {
            double middle = (run[i - 1].X + run[i].X) / 2;
            path.Add((middle, Map(run[i - 1].Y)));
            path.Add((middle, Map(run[i].Y)));
        }
        path.Add((run[^1].X, Map(run[^1].Y)));
        return path;
    }

    private void Bands()
    {
        for (int s = 0; s < _spec.Series.Count; s++)
        {
            ChartSeries series = _spec.Series[s];
            if (series.Kind != SeriesKind.Band || series.Lower is null)
            {
                continue;
            }
            Color color = SeriesColor(series, s);
            var lower = series.Lower.GroupBy(p => p.X).ToDictionary(g => g.Key, g => g.First().Y);
            var points = series.Points.Select(p => new ChartPoint(p.X, lower.TryGetValue(p.X, out double low) && double.IsFinite(Map(low)) ? p.Y : double.NaN)).ToList();
            foreach (List<ChartPoint> run in Runs(points))
            {
                if (run.Count < 2)
                {
                    continue;
                }
                FillY band = _plot.Add.FillY(run.Select(p => p.X).ToArray(), run.Select(p => Map(lower[p.X])).ToArray(), run.Select(p => Map(p.Y)).ToArray());
                band.FillColor = color.WithOpacity(0.2);
                band.LineWidth = 0;
            }
        }
    }

    private void StackedAreas()
    {
        SortedDictionary<double, double> totals = StackTotals();
        double[] xs = [.. totals.Keys];
        var below = xs.ToDictionary(x => x, _ => 0.0);
        for (int s = 0; s < _spec.Series.Count; s++)
        {
            ChartSeries series = _spec.Series[s];
            Color color = SeriesColor(series, s);
            var own = new Dictionary<double, double>();
            foreach (ChartPoint p in series.Points)
            {
                own[p.X] = own.GetValueOrDefault(p.X) + (double.IsFinite(p.Y) ? Math.Max(0, p.Y) : 0);
            }
            double[] bottom = xs.Select(x => below[x]).ToArray();
            double[] top = xs.Select(x => below[x] + own.GetValueOrDefault(x)).ToArray();
            if (xs.Length >= 2)
            {
                FillY area = _plot.Add.FillY(xs, bottom, top);
                area.FillColor = color.WithOpacity(0.85);
                area.LineWidth = 1;
                area.LineColor = color;
            }
            foreach (double x in xs)
            {
                below[x] += own.GetValueOrDefault(x);
            }
        }
    }

    private void ReferenceLines()
    {
        foreach (ReferenceLine r in _spec.ReferenceLines)
        {
            double y = Map(r.Y);
            if (!double.IsFinite(y) || r.Y < _valueTicks.Min || r.Y > _valueTicks.Max)
            {
                continue;
            }
            HorizontalLine line = _plot.Add.HorizontalLine(y, 1.5f, Ink, ReferenceDash);
            line.LabelText = "";
            _referenceLabels.Add((_texts.Count, PixelY(r.Y)));
            _texts.Add(new FigureText(r.Label, _right - 4, PixelY(r.Y) - 3, Alignment.LowerRight, TickSize, Ink, Backdrop: true));
        }
    }

    /// <summary>
    /// A reference line's label, above its line at the right, moves below the line where an
    /// off-scale note covers it: four notes, one on two lines, reached a 1,000 ms SLO's label on a
    /// chart cut at 2,000 ms.
    /// </summary>
    private void ReferenceLabelsClearOfNotes()
    {
        bool Covered(float left, float top, float right, float bottom) =>
            _noteBoxes.Any(b => left < b.Right && right > b.Left && top < b.Bottom && bottom > b.Top);
        foreach ((int index, float lineY) in _referenceLabels)
        {
            FigureText label = _texts[index];
            float width = Width(label.Text, TickSize);
            float right = _right - 4;
            if (Covered(right - width, lineY - 3 - TickSize - 2, right, lineY - 3)
                && !Covered(right - width, lineY + 3, right, lineY + 3 + TickSize + 2))
            {
                _texts[index] = label with { Y = lineY + 3, Alignment = Alignment.UpperRight };
            }
        }
    }

    private void VerticalReferenceLines()
    {
        foreach (ReferenceLine r in _spec.ReferenceLines.Where(r => double.IsFinite(r.Y)))
        {
            _plot.Add.VerticalLine(r.Y, 1.5f, Ink, ReferenceDash);
            float x = PixelX(r.Y);
            float width = Width(r.Label, TickSize);
            // Centred on the line where it fits, else against the nearer edge of the chart.
            float left = Math.Clamp(x - width / 2, Pad, _spec.Width - Pad - width);
            _texts.Add(new FigureText(r.Label, left, _top - 6, Alignment.LowerLeft, TickSize, Ink));
        }
    }

    private void Markers()
    {
        var points = _spec.Markers
            .Where(m => double.IsFinite(m.X) && double.IsFinite(Map(m.Y)) && m.Y >= _valueTicks.Min && m.Y <= _valueTicks.Max)
            .ToList();
        foreach (ChartMarker m in points)
        {
            // A thin solid guide in the axis colour: a dashed one makes Skia's SVG writer print
            // "Unsupported path effect" on the console of every run with a marker.
            Scatter guide = _plot.Add.ScatterLine(new[] { m.X, m.X }, new[] { Map(_valueTicks.Min), Map(m.Y) }, AxisLine);
            guide.LineWidth = 1;
            _plot.Add.Marker(m.X, Map(m.Y), MarkerShape.FilledCircle, 11, Colors.White);
            Marker ring = _plot.Add.Marker(m.X, Map(m.Y), MarkerShape.OpenCircle, 11, Ink);
            ring.MarkerLineWidth = 2;
        }
        // Labels go right of their ring, else left, else wherever they fit; a label that would
        // cover an earlier one moves up a line (or below the ring when there is no room above).
        var placed = new List<(float Left, float Top, float Right, float Bottom)>();
        foreach (ChartMarker marker in points.Where(p => p.Label.Length > 0))
        {
            float x = PixelX(marker.X), y = PixelY(marker.Y);
            float width = Width(marker.Label, TickSize, bold: true) + 4;
            float left = x + 9;
            if (left + width > _spec.Width - Pad)
            {
                left = x - 9 - width >= Pad ? x - 9 - width : Math.Max(Pad, _spec.Width - Pad - width);
            }
            float baseline = Math.Max(_top + 14, y - 9);
            bool Overlaps(float b) => placed.Any(p => left < p.Right && left + width > p.Left && b - TickSize < p.Bottom && b + 4 > p.Top);
            while (Overlaps(baseline) && baseline - TickSize - 5 >= _top + 14)
            {
                baseline -= TickSize + 5;
            }
            if (Overlaps(baseline))
            {
                baseline = y + 22;
                while (Overlaps(baseline) && baseline < _bottom - 4)
                {
                    baseline += TickSize + 5;
                }
            }
            placed.Add((left, baseline - TickSize, left + width, baseline + 4));
            _texts.Add(new FigureText(marker.Label, left, baseline, Alignment.LowerLeft, TickSize, Ink, Bold: true, Backdrop: true));
        }
    }

    /// <summary>
    /// Lines that leave the plot get an arrow where they leave and a note saying from when; points
    /// beyond it are counted and shown as triangles at the edge. Each note also goes into the
    /// chart's description.
    /// </summary>
    private void OffScale()
    {
        if (_spec.Kind != ChartKind.Line)
        {
            return;
        }
        double top = _valueTicks.Max;
        string limit = AxisFormatter.Format(top, _spec.Y.Format, _valueTicks.Step);
        int row = 0;
        for (int s = 0; s < _spec.Series.Count; s++)
        {
            ChartSeries series = _spec.Series[s];
            if (series.Kind == SeriesKind.Band)
            {
                continue;
            }
            var above = series.Points.Select((p, i) => (Point: p, Index: i)).Where(p => double.IsFinite(p.Point.X) && double.IsFinite(p.Point.Y) && p.Point.Y > top * (1 + 1e-9)).ToList();
            if (above.Count == 0)
            {
                continue;
            }
            Color color = SeriesColor(series, s);
            string highest = AxisFormatter.Significant(above.Max(p => p.Point.Y), _spec.Y.Format);
            string note;
            float anchorX;
            if (series.Style == SeriesStyle.Points)
            {
                foreach ((ChartPoint p, int _) in above)
                {
                    _plot.Add.Marker(p.X, Map(top), MarkerShape.FilledTriangleUp, 9, color);
                }
                note = $"{series.Name}: {above.Count.ToString(C)} {(above.Count == 1 ? "point" : "points")} above {limit} (up to {highest})";
                anchorX = _left + 6;
            }
            else
            {
                (ChartPoint first, int index) = above[0];
                // Where the line crosses the top edge, or the first point above it when it starts there.
                double crossX = first.X;
                if (index > 0 && series.Points[index - 1] is { } before && double.IsFinite(before.Y) && before.Y <= top)
                {
                    crossX = before.X + (top - before.Y) / (first.Y - before.Y) * (first.X - before.X);
                }
                Arrow arrow = _plot.Add.Arrow(new Coordinates(crossX, Map(top - (top - _valueTicks.Min) * 0.12)), new Coordinates(crossX, Map(top)));
                arrow.ArrowLineColor = color;
                arrow.ArrowFillColor = color;
                arrow.ArrowLineWidth = 0;
                arrow.ArrowWidth = 2.5f;
                arrow.ArrowheadWidth = 11;
                arrow.ArrowheadLength = 10;
                arrow.ArrowheadAxisLength = 8;
                string from = XName(first.X);
                int points = series.Points.Count(p => double.IsFinite(p.Y));
                // "from" only when it stays above to the end; otherwise say how often.
                bool staysAbove = series.Points.Skip(index).All(p => !double.IsFinite(p.Y) || p.Y > top * (1 + 1e-9));
                note = above.Count == points
                    ? $"{series.Name} above {limit} throughout (up to {highest})"
                    : staysAbove
                        ? $"{series.Name} above {limit} from {from} (up to {highest})"
                        : $"{series.Name} above {limit} in {above.Count.ToString(C)} of {points.ToString(C)} points from {from} (up to {highest})";
                anchorX = PixelX(crossX);
            }
            // A note wider than the plot goes onto two lines before its highest value, each shortened
            // only if it still does not fit (the description keeps the whole note): at ten times a
            // consumer scenario's traffic, "… above 2,000 ms in 9 of 24 points from 2027-01 (up to
            // 5.45 s)" ran off the chart's right edge.
            float room = _right - _left - 8;
            int split = note.LastIndexOf(" (up to ", StringComparison.Ordinal);
            string[] lines = Width(note, TickSize) <= room || split < 0
                ? [Fit(note, room, TickSize)]
                : [Fit(note[..split], room, TickSize), Fit(note[(split + 1)..], room, TickSize)];
            float width = lines.Max(line => Width(line, TickSize));
            bool right = anchorX + 8 + width <= _right;
            float x = right ? anchorX + 8 : Math.Max(_left + 4, anchorX - 8 - width);
            foreach (string line in lines)
            {
                float y = _top + 6 + row * (TickSize + 6);
                _texts.Add(new FigureText(line, x, y, Alignment.UpperLeft, TickSize, Ink, Backdrop: true));
                _noteBoxes.Add((x, y, x + Width(line, TickSize), y + TickSize + 2));
                row++;
            }
            _notes.Add(note + ".");
        }
    }

    private string XName(double x)
    {
        if (_spec.X.Categories is { } categories)
        {
            int i = (int)Math.Round(x);
            return i >= 0 && i < categories.Count ? categories[i] : x.ToString("0", C);
        }
        return AxisFormatter.Significant(x, _spec.X.Format);
    }

    private void GroupedBars(IReadOnlyList<string> categories, double rowPixels, double origin)
    {
        int n = Math.Max(1, _spec.Series.Count);
        double barPixels = Math.Min(28, rowPixels * 0.7 / n);
        double barHeight = barPixels / rowPixels;
        for (int s = 0; s < _spec.Series.Count; s++)
        {
            ChartSeries series = _spec.Series[s];
            Color color = SeriesColor(series, s);
            var bars = new List<Bar>();
            foreach (ChartPoint p in series.Points)
            {
                if (!double.IsFinite(p.Y) || p.X < 0 || p.X >= categories.Count)
                {
                    continue;
                }
                double position = categories.Count - 1 - p.X + (n - 1) * barHeight / 2 - s * barHeight;
                bars.Add(new Bar { Position = position, Value = p.Y, ValueBase = origin, Size = barHeight, FillColor = color, LineWidth = 0, Orientation = Orientation.Horizontal });
                if (_spec.ValueLabels)
                {
                    _texts.Add(new FigureText(AxisFormatter.Significant(p.Y, _spec.Y.Format), PixelX(Math.Max(p.Y, origin)) + 5, PixelYRaw(position), Alignment.MiddleLeft, TickSize, Ink));
                }
            }
            if (bars.Count > 0)
            {
                BarPlot plot = _plot.Add.Bars(bars);
                plot.Horizontal = true;
            }
        }
    }

    /// <summary>Every series in one row per category, from the base; a bar on a side already taken is drawn thinner inside it.</summary>
    private void TornadoBars(IReadOnlyList<string> categories, double rowPixels, double origin)
    {
        double barHeight = Math.Min(28, rowPixels * 0.7) / rowPixels;
        var taken = new HashSet<(int Category, int Side)>();
        var ends = new SortedDictionary<(int Category, int Side), double>();
        for (int s = 0; s < _spec.Series.Count; s++)
        {
            ChartSeries series = _spec.Series[s];
            Color color = SeriesColor(series, s);
            var bars = new List<Bar>();
            foreach (ChartPoint p in series.Points)
            {
                if (!double.IsFinite(p.Y) || p.X < 0 || p.X >= categories.Count || p.Y == origin)
                {
                    continue;
                }
                int category = (int)p.X, side = Math.Sign(p.Y - origin);
                double height = taken.Add((category, side)) ? barHeight : barHeight * 0.45;
                bars.Add(new Bar { Position = categories.Count - 1 - category, Value = p.Y, ValueBase = origin, Size = height, FillColor = color, LineWidth = 0, Orientation = Orientation.Horizontal });
                ends[(category, side)] = side > 0 ? Math.Max(ends.GetValueOrDefault((category, side), p.Y), p.Y) : Math.Min(ends.GetValueOrDefault((category, side), p.Y), p.Y);
            }
            if (bars.Count > 0)
            {
                BarPlot plot = _plot.Add.Bars(bars);
                plot.Horizontal = true;
            }
        }
        if (!_spec.ValueLabels)
        {
            return;
        }
        // Only the outer end of each side is labelled, so two bars on one side do not write over each other.
        foreach (((int category, int side), double value) in ends)
        {
            float x = PixelX(value) + side * 5;
            _texts.Add(new FigureText(AxisFormatter.Significant(value, _spec.Y.Format), x, PixelYRaw(categories.Count - 1 - category), side > 0 ? Alignment.MiddleLeft : Alignment.MiddleRight, TickSize, Ink));
        }
    }

    /// <summary>Pixel column of an x value (for bar charts, a value along the bars).</summary>
    private float PixelX(double x) => (float)(_left + (x - _xMin) / (_xMax - _xMin) * (_right - _left));

    /// <summary>Pixel row of a value on the value axis of an XY chart.</summary>
    private float PixelY(double v)
    {
        double low = Map(_valueTicks.Min), high = Map(_valueTicks.Max);
        return (float)(_bottom - (Map(v) - low) / (high - low) * (_bottom - _top));
    }

    /// <summary>Pixel row of a position on the category axis of a bar chart (limits −0.5 to n − 0.5).</summary>
    private float PixelYRaw(double position)
    {
        int n = Math.Max(1, _spec.X.Categories?.Count ?? 1);
        return (float)(_bottom - (position + 0.5) / n * (_bottom - _top));
    }

    private float Width(string text, float size, bool bold = false)
    {
        var style = new LabelStyle { FontName = ChartFonts.Family, FontSize = size, Bold = bold };
        return style.Measure(text, _paint).Width;
    }

    /// <summary>Shortens <paramref name="text"/> with an ellipsis until it fits <paramref name="width"/>.</summary>
    private string Fit(string text, float width, float size)
    {
        if (Width(text, size) <= width)
        {
            return text;
        }
        int length = text.Length;
        while (length > 1 && Width(text[..length] + "…", size) > width)
        {
            length--;
        }
        return text[..length] + "…";
    }
}
