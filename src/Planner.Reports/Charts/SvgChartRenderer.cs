using System.Text;

namespace Planner.Reports.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> as a standalone SVG document: title, y-axis label, grid,
/// ticks, series (lines, steps, bands, stacked areas, bars or a tornado), reference lines,
/// markers and legend. Output depends only on the spec (no culture, clock or randomness), one
/// element per line so that diffs stay readable. Each series is a
/// <c>&lt;g class="series" data-series="name"&gt;</c> (a band's also has the class "band").
/// </summary>
public static class SvgChartRenderer
{
    /// <summary>Font stack: DejaVu Sans is what Debian's Chromium prints with; the rest are common fallbacks.</summary>
    public const string FontFamily = "'DejaVu Sans', Verdana, Arial, sans-serif";

    private const double Pad = 12;
    private const double TitleSize = 17;
    private const double LabelSize = 13;
    private const double TickSize = 13;
    private const double LegendRow = 19;
    private const string Ink = "#222222";
    private const string Muted = "#555555";
    private const string Grid = "#e3e3e3";
    private const string AxisLine = "#8c8c8c";
    /// <summary>Light enough that overlapping bands and the lines over them stay readable.</summary>
    private const string BandOpacity = "0.2";

    public static string Render(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind is ChartKind.Bar or ChartKind.Tornado ? new Layout(spec).RenderBars() : new Layout(spec).RenderXy();
    }

    private sealed class Layout
    {
        private readonly ChartSpec _spec;
        private readonly StringBuilder _svg = new();
        private double _plotLeft, _plotRight, _plotTop, _plotBottom;
        private AxisTicks _valueTicks = new(0, 1, 1, [0, 1]);
        private AxisTicks? _xTicks;

        public Layout(ChartSpec spec) => _spec = spec;

        private bool IsLog => _spec.Y.Scale == AxisScale.Logarithmic;

        public string RenderXy()
        {
            Open();
            List<List<(double X, double LabelX, int Series)>> legendRows = LegendRows();
            _plotTop = _spec.Y.Label.Length > 0 ? 60 : 42;
            double xLabel = _spec.X.Label.Length > 0 ? 18 : 0;
            _plotBottom = _spec.Height - Pad - legendRows.Count * LegendRow - (legendRows.Count > 0 ? 8 : 0) - xLabel - 22;
            _valueTicks = ValueTicks(ValueExtent(), MaxTicks(_plotBottom - _plotTop, 42));
            double labelWidth = _valueTicks.Values.Max(v => SvgText.Width(AxisFormatter.Format(v, _spec.Y.Format, _valueTicks.Step), TickSize));
            _plotLeft = Pad + Math.Ceiling(labelWidth) + 8;
            _plotRight = _spec.Width - Pad - (_spec.X.Categories is null ? 14 : 26);

            Line("<g class=\"grid\">");
            foreach (double v in _valueTicks.Values)
            {
                double y = MapY(v);
                Line($"<line x1=\"{N(_plotLeft)}\" y1=\"{N(y)}\" x2=\"{N(_plotRight)}\" y2=\"{N(y)}\" stroke=\"{Grid}\" stroke-width=\"1\"/>");
            }
            Line("</g>");
            Line($"<g class=\"axis y\" font-size=\"{N(TickSize)}\" fill=\"{Muted}\" text-anchor=\"end\">");
            foreach (double v in _valueTicks.Values)
            {
                Line($"<text x=\"{N(_plotLeft - 6)}\" y=\"{N(MapY(v) + 4)}\">{E(AxisFormatter.Format(v, _spec.Y.Format, _valueTicks.Step))}</text>");
            }
            Line("</g>");
            XAxis();
            Line($"<line class=\"baseline\" x1=\"{N(_plotLeft)}\" y1=\"{N(_plotBottom)}\" x2=\"{N(_plotRight)}\" y2=\"{N(_plotBottom)}\" stroke=\"{AxisLine}\" stroke-width=\"1\"/>");

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
            Legend(legendRows, area: _spec.Kind == ChartKind.StackedArea);
            return Close();
        }

        public string RenderBars()
        {
            Open();
            IReadOnlyList<string> categories = _spec.X.Categories ?? [];
            List<List<(double X, double LabelX, int Series)>> legendRows = LegendRows();
            bool tornado = _spec.Kind == ChartKind.Tornado;
            // A vertical reference line is labelled above the plot, which needs a line of its own.
            double referenceRoom = _spec.ReferenceLines.Count > 0 ? TickSize + 8 : 0;
            _plotTop = (_spec.Y.Label.Length > 0 ? 60 : 42) + referenceRoom;
            _plotBottom = _spec.Height - Pad - legendRows.Count * LegendRow - (legendRows.Count > 0 ? 8 : 0) - 22;
            double categoryWidth = categories.Count == 0 ? 0 : categories.Max(c => SvgText.Width(c, LabelSize));
            double leftValueRoom = tornado && _spec.ValueLabels ? 58 : 0;
            _plotLeft = Pad + Math.Min(Math.Ceiling(categoryWidth), _spec.Width * (tornado ? 0.38 : 0.45)) + 10 + leftValueRoom;
            double valueLabelRoom = _spec.ValueLabels ? 64 : 14;
            _plotRight = _spec.Width - Pad - valueLabelRoom;
            _valueTicks = ValueTicks(ValueExtent(), MaxTicks(_plotRight - _plotLeft, 70));

            Line("<g class=\"grid\">");
            foreach (double v in _valueTicks.Values)
            {
                double x = MapValueX(v);
                Line($"<line x1=\"{N(x)}\" y1=\"{N(_plotTop)}\" x2=\"{N(x)}\" y2=\"{N(_plotBottom)}\" stroke=\"{Grid}\" stroke-width=\"1\"/>");
            }
            Line("</g>");
            Line($"<g class=\"axis x\" font-size=\"{N(TickSize)}\" fill=\"{Muted}\" text-anchor=\"middle\">");
            foreach (double v in _valueTicks.Values)
            {
                Line($"<text x=\"{N(MapValueX(v))}\" y=\"{N(_plotBottom + 16)}\">{E(AxisFormatter.Format(v, _spec.Y.Format, _valueTicks.Step))}</text>");
            }
            Line("</g>");
            double band = categories.Count == 0 ? 0 : (_plotBottom - _plotTop) / categories.Count;
            Line($"<g class=\"axis y\" font-size=\"{N(LabelSize)}\" fill=\"{Ink}\" text-anchor=\"end\">");
            for (int i = 0; i < categories.Count; i++)
            {
                Line($"<text x=\"{N(_plotLeft - 8 - leftValueRoom)}\" y=\"{N(_plotTop + (i + 0.5) * band + 4)}\">{E(Fit(categories[i], _plotLeft - 8 - leftValueRoom - Pad, LabelSize))}</text>");
            }
            Line("</g>");
            if (tornado)
            {
                TornadoBars(categories, band);
                Legend(legendRows, area: true);
                return Close();
            }

            int n = Math.Max(1, _spec.Series.Count);
            double barHeight = Math.Min(28, band * 0.7 / n);
            double groupTop = (band - barHeight * n) / 2;
            for (int s = 0; s < _spec.Series.Count; s++)
            {
                ChartSeries series = _spec.Series[s];
                string color = Palette.ForSeries(series.ColorIndex ?? s);
                Line($"<g class=\"series\" data-series=\"{E(series.Name)}\" fill=\"{color}\">");
                foreach (ChartPoint p in series.Points)
                {
                    if (!double.IsFinite(p.Y) || p.X < 0 || p.X >= categories.Count)
                    {
                        continue;
                    }
                    double y = _plotTop + p.X * band + groupTop + s * barHeight;
                    double x0 = MapValueX(_spec.BarBase ?? Math.Max(_valueTicks.Min, 0)), x1 = MapValueX(p.Y);
                    Line($"<rect x=\"{N(Math.Min(x0, x1))}\" y=\"{N(y)}\" width=\"{N(Math.Abs(x1 - x0))}\" height=\"{N(barHeight)}\"><title>{E(series.Name + ", " + categories[(int)p.X] + ": " + AxisFormatter.Significant(p.Y, _spec.Y.Format))}</title></rect>");
                    if (_spec.ValueLabels)
                    {
                        Line($"<text x=\"{N(Math.Max(x0, x1) + 5)}\" y=\"{N(y + barHeight / 2 + 4)}\" font-size=\"{N(TickSize)}\" fill=\"{Ink}\">{E(AxisFormatter.Significant(p.Y, _spec.Y.Format))}</text>");
                    }
                }
                Line("</g>");
            }
            double origin = MapValueX(_spec.BarBase ?? Math.Max(_valueTicks.Min, 0));
            Line($"<line class=\"baseline\" x1=\"{N(origin)}\" y1=\"{N(_plotTop)}\" x2=\"{N(origin)}\" y2=\"{N(_plotBottom)}\" stroke=\"{AxisLine}\" stroke-width=\"1\"/>");
            VerticalReferenceLines();
            Legend(legendRows, area: true);
            return Close();
        }

        /// <summary>Every series in one row per category, from the base; a bar on a side already taken is drawn thinner inside it.</summary>
        private void TornadoBars(IReadOnlyList<string> categories, double band)
        {
            double barHeight = Math.Min(28, band * 0.7);
            double origin = _spec.BarBase ?? Math.Max(_valueTicks.Min, 0);
            double x0 = MapValueX(origin);
            var taken = new HashSet<(int Category, int Side)>();
            var ends = new Dictionary<(int Category, int Side), double>();
            for (int s = 0; s < _spec.Series.Count; s++)
            {
                ChartSeries series = _spec.Series[s];
                string color = Palette.ForSeries(series.ColorIndex ?? s);
                Line($"<g class=\"series\" data-series=\"{E(series.Name)}\" fill=\"{color}\">");
                foreach (ChartPoint p in series.Points)
                {
                    if (!double.IsFinite(p.Y) || p.X < 0 || p.X >= categories.Count || p.Y == origin)
                    {
                        continue;
                    }
                    int category = (int)p.X, side = Math.Sign(p.Y - origin);
                    double height = taken.Add((category, side)) ? barHeight : barHeight * 0.45;
                    double y = _plotTop + (category + 0.5) * band - height / 2;
                    double x1 = MapValueX(p.Y);
                    Line($"<rect x=\"{N(Math.Min(x0, x1))}\" y=\"{N(y)}\" width=\"{N(Math.Abs(x1 - x0))}\" height=\"{N(height)}\"><title>{E(series.Name + ", " + categories[category] + ": " + AxisFormatter.Significant(p.Y, _spec.Y.Format))}</title></rect>");
                    ends[(category, side)] = side > 0 ? Math.Max(ends.GetValueOrDefault((category, side), p.Y), p.Y) : Math.Min(ends.GetValueOrDefault((category, side), p.Y), p.Y);
                }
                Line("</g>");
            }
            Line($"<line class=\"baseline\" x1=\"{N(x0)}\" y1=\"{N(_plotTop)}\" x2=\"{N(x0)}\" y2=\"{N(_plotBottom)}\" stroke=\"{AxisLine}\" stroke-width=\"1\"/>");
            if (_spec.ValueLabels && ends.Count > 0)
            {
                // Only the outer end of each side is labelled, so two bars on one side do not write over each other.
                Line($"<g class=\"value-labels\" font-size=\"{N(TickSize)}\" fill=\"{Ink}\">");
                foreach (((int category, int side), double value) in ends.OrderBy(e => e.Key.Category).ThenBy(e => e.Key.Side))
                {
                    double x = MapValueX(value) + side * 5;
                    string anchor = side > 0 ? "" : " text-anchor=\"end\"";
                    Line($"<text x=\"{N(x)}\" y=\"{N(_plotTop + (category + 0.5) * band + 4)}\"{anchor}>{E(AxisFormatter.Significant(value, _spec.Y.Format))}</text>");
                }
                Line("</g>");
            }
            VerticalReferenceLines();
        }

        private void VerticalReferenceLines()
        {
            if (_spec.ReferenceLines.Count == 0)
            {
                return;
            }
            Line($"<g class=\"reference\" font-size=\"{N(TickSize)}\">");
            foreach (ReferenceLine r in _spec.ReferenceLines.Where(r => double.IsFinite(r.Y)))
            {
                double x = MapValueX(r.Y);
                Line($"<line x1=\"{N(x)}\" y1=\"{N(_plotTop - 4)}\" x2=\"{N(x)}\" y2=\"{N(_plotBottom)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>");
                double width = SvgText.Width(r.Label, TickSize);
                // Centred on the line where it fits, else against the nearer edge of the chart.
                double left = Math.Clamp(x - width / 2, Pad, _spec.Width - Pad - width);
                Line($"<text x=\"{N(left)}\" y=\"{N(_plotTop - 8)}\" fill=\"{Ink}\">{E(r.Label)}</text>");
            }
            Line("</g>");
        }

        private void Open()
        {
            string id = E(_spec.Id);
            Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"{id}\" viewBox=\"0 0 {_spec.Width} {_spec.Height}\" width=\"{_spec.Width}\" height=\"{_spec.Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FontFamily}\">");
            Line($"<title id=\"{id}-title\">{E(_spec.Title)}</title>");
            Line($"<desc id=\"{id}-desc\">{E(_spec.Description)}</desc>");
            Line($"<rect class=\"background\" width=\"{_spec.Width}\" height=\"{_spec.Height}\" fill=\"#ffffff\"/>");
            double titleSize = TitleSize;
            while (titleSize > 11 && SvgText.Width(_spec.Title, titleSize) > _spec.Width - 2 * Pad)
            {
                titleSize -= 0.5;
            }
            Line($"<text class=\"chart-title\" x=\"{N(Pad)}\" y=\"24\" font-size=\"{N(titleSize)}\" font-weight=\"bold\" fill=\"{Ink}\">{E(_spec.Title)}</text>");
            if (_spec.Y.Label.Length > 0)
            {
                Line($"<text class=\"axis-label\" x=\"{N(Pad)}\" y=\"45\" font-size=\"{N(LabelSize)}\" fill=\"{Muted}\">{E(_spec.Y.Label)}</text>");
            }
        }

        private string Close()
        {
            Line("</svg>");
            return _svg.ToString();
        }

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

        private double MapY(double v)
        {
            double t = IsLog
                ? (Math.Log10(v) - Math.Log10(_valueTicks.Min)) / (Math.Log10(_valueTicks.Max) - Math.Log10(_valueTicks.Min))
                : (v - _valueTicks.Min) / (_valueTicks.Max - _valueTicks.Min);
            return _plotBottom - t * (_plotBottom - _plotTop);
        }

        private double MapValueX(double v) =>
            _plotLeft + (v - _valueTicks.Min) / (_valueTicks.Max - _valueTicks.Min) * (_plotRight - _plotLeft);

        private double MapX(double x)
        {
            if (_spec.X.Categories is { } categories)
            {
                return categories.Count <= 1
                    ? (_plotLeft + _plotRight) / 2
                    : _plotLeft + x / (categories.Count - 1) * (_plotRight - _plotLeft);
            }
            AxisTicks ticks = _xTicks!;
            return _plotLeft + (x - ticks.Min) / (ticks.Max - ticks.Min) * (_plotRight - _plotLeft);
        }

        private void XAxis()
        {
            double width = _plotRight - _plotLeft;
            Line($"<g class=\"axis x\" font-size=\"{N(TickSize)}\" fill=\"{Muted}\" text-anchor=\"middle\">");
            if (_spec.X.Categories is { } categories)
            {
                double labelWidth = categories.Count == 0 ? 1 : categories.Max(c => SvgText.Width(c, TickSize)) + 14;
                int maxLabels = Math.Max(1, (int)Math.Floor(width / labelWidth) + 1);
                int step = new[] { 1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120 }.FirstOrDefault(s => (categories.Count - 1) / s + 1 <= maxLabels, 120);
                for (int i = 0; i < categories.Count; i += step)
                {
                    Line($"<text x=\"{N(MapX(i))}\" y=\"{N(_plotBottom + 17)}\">{E(categories[i])}</text>");
                }
            }
            else
            {
                List<double> xs = _spec.Series.SelectMany(s => s.Points).Select(p => p.X).Where(double.IsFinite).ToList();
                double min = _spec.X.Min ?? (xs.Count > 0 ? xs.Min() : 0), max = _spec.X.Max ?? (xs.Count > 0 ? xs.Max() : 1);
                _xTicks = _spec.X.Format == ValueFormat.HourOfDay ? HourTicks(min, max, width) : NiceScale.Linear(min, max, MaxTicks(width, 80));
                foreach (double v in _xTicks.Values)
                {
                    Line($"<text x=\"{N(MapX(v))}\" y=\"{N(_plotBottom + 17)}\">{E(AxisFormatter.Format(v, _spec.X.Format, _xTicks.Step))}</text>");
                }
            }
            Line("</g>");
            if (_spec.X.Label.Length > 0)
            {
                Line($"<text class=\"axis-label\" x=\"{N((_plotLeft + _plotRight) / 2)}\" y=\"{N(_plotBottom + 35)}\" font-size=\"{N(LabelSize)}\" fill=\"{Muted}\" text-anchor=\"middle\">{E(_spec.X.Label)}</text>");
            }
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

        private void Lines()
        {
            for (int s = 0; s < _spec.Series.Count; s++)
            {
                ChartSeries series = _spec.Series[s];
                if (series.Kind == SeriesKind.Band)
                {
                    continue;
                }
                string color = Palette.ForSeries(series.ColorIndex ?? s);
                string dash = series.Style == SeriesStyle.Dashed ? " stroke-dasharray=\"7 4\"" : "";
                Line($"<g class=\"series\" data-series=\"{E(series.Name)}\" stroke=\"{color}\" fill=\"none\" stroke-width=\"2.25\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash}>");
                foreach (List<ChartPoint> run in Runs(series.Points))
                {
                    if (series.Style == SeriesStyle.Points)
                    {
                        foreach (ChartPoint p in run)
                        {
                            Line($"<circle cx=\"{N(MapX(p.X))}\" cy=\"{N(MapY(p.Y))}\" r=\"3.5\" fill=\"{color}\" fill-opacity=\"0.75\" stroke=\"none\"/>");
                        }
                        continue;
                    }
                    if (run.Count == 1)
                    {
                        Line($"<circle cx=\"{N(MapX(run[0].X))}\" cy=\"{N(MapY(run[0].Y))}\" r=\"3\" fill=\"{color}\"/>");
                        continue;
                    }
                    var d = new StringBuilder();
                    for (int i = 0; i < run.Count; i++)
                    {
                        ChartPoint p = run[i];
                        if (i == 0)
                        {
                            d.Append('M').Append(N(MapX(p.X))).Append(',').Append(N(MapY(p.Y)));
                        }
                        else if (series.Kind == SeriesKind.Step)
                        {
                            // Each value holds around its own point: the jump comes halfway between two points.
                            d.Append(" H").Append(N((MapX(run[i - 1].X) + MapX(p.X)) / 2)).Append(" V").Append(N(MapY(p.Y)));
                        }
                        else
                        {
                            d.Append(" L").Append(N(MapX(p.X))).Append(',').Append(N(MapY(p.Y)));
                        }
                    }
                    if (series.Kind == SeriesKind.Step)
                    {
                        d.Append(" H").Append(N(MapX(run[^1].X)));
                    }
                    Line($"<path d=\"{d}\"/>");
                }
                Line("</g>");
            }
        }

        /// <summary>Band series, beneath the lines: each run of points with both edges known becomes one closed, translucent shape.</summary>
        private void Bands()
        {
            for (int s = 0; s < _spec.Series.Count; s++)
            {
                ChartSeries series = _spec.Series[s];
                if (series.Kind != SeriesKind.Band)
                {
                    continue;
                }
                string color = Palette.ForSeries(series.ColorIndex ?? s);
                Line($"<g class=\"series band\" data-series=\"{E(series.Name)}\" fill=\"{color}\" fill-opacity=\"{BandOpacity}\" stroke=\"none\">");
                var lower = new Dictionary<double, double>();
                foreach (ChartPoint p in series.Lower ?? [])
                {
                    lower[p.X] = p.Y;
                }
                var edges = series.Points.Select(p => new ChartPoint(p.X, lower.TryGetValue(p.X, out double low) && double.IsFinite(low) && (!IsLog || low > 0) ? p.Y : double.NaN));
                foreach (List<ChartPoint> run in Runs(edges.ToList()))
                {
                    var d = new StringBuilder();
                    foreach (ChartPoint p in run)
                    {
                        d.Append(d.Length == 0 ? "M" : " L").Append(N(MapX(p.X))).Append(',').Append(N(MapY(p.Y)));
                    }
                    for (int i = run.Count - 1; i >= 0; i--)
                    {
                        d.Append(" L").Append(N(MapX(run[i].X))).Append(',').Append(N(MapY(lower[run[i].X])));
                    }
                    d.Append(" Z");
                    Line($"<path d=\"{d}\"/>");
                }
                Line("</g>");
            }
        }

        private IEnumerable<List<ChartPoint>> Runs(IReadOnlyList<ChartPoint> points)
        {
            var run = new List<ChartPoint>();
            foreach (ChartPoint p in points)
            {
                bool usable = double.IsFinite(p.Y) && double.IsFinite(p.X) && (!IsLog || p.Y > 0);
                if (usable)
                {
                    run.Add(p);
                }
                else if (run.Count > 0)
                {
                    yield return run;
                    run = [];
                }
            }
            if (run.Count > 0)
            {
                yield return run;
            }
        }

        private void StackedAreas()
        {
            double[] xs = StackTotals().Keys.ToArray();
            var below = xs.ToDictionary(x => x, _ => 0.0);
            for (int s = 0; s < _spec.Series.Count; s++)
            {
                ChartSeries series = _spec.Series[s];
                string color = Palette.ForSeries(series.ColorIndex ?? s);
                var own = new Dictionary<double, double>();
                foreach (ChartPoint p in series.Points)
                {
                    own[p.X] = own.GetValueOrDefault(p.X) + (double.IsFinite(p.Y) ? Math.Max(0, p.Y) : 0);
                }
                var d = new StringBuilder();
                foreach (double x in xs)
                {
                    d.Append(d.Length == 0 ? "M" : " L").Append(N(MapX(x))).Append(',').Append(N(MapY(below[x] + own.GetValueOrDefault(x))));
                }
                foreach (double x in xs.Reverse())
                {
                    d.Append(" L").Append(N(MapX(x))).Append(',').Append(N(MapY(below[x])));
                }
                d.Append(" Z");
                Line($"<g class=\"series\" data-series=\"{E(series.Name)}\" fill=\"{color}\" fill-opacity=\"0.85\" stroke=\"{color}\" stroke-width=\"1\">");
                Line($"<path d=\"{d}\"/>");
                Line("</g>");
                foreach (double x in xs)
                {
                    below[x] += own.GetValueOrDefault(x);
                }
            }
        }

        private void ReferenceLines()
        {
            if (_spec.ReferenceLines.Count == 0)
            {
                return;
            }
            Line($"<g class=\"reference\" font-size=\"{N(TickSize)}\">");
            foreach (ReferenceLine r in _spec.ReferenceLines)
            {
                if (!double.IsFinite(r.Y) || (IsLog && r.Y <= 0))
                {
                    continue;
                }
                double y = MapY(r.Y);
                Line($"<line x1=\"{N(_plotLeft)}\" y1=\"{N(y)}\" x2=\"{N(_plotRight)}\" y2=\"{N(y)}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>");
                Backdrop(_plotRight - 4, y - 6, r.Label, anchorEnd: true, bold: false);
                Line($"<text x=\"{N(_plotRight - 4)}\" y=\"{N(y - 6)}\" text-anchor=\"end\" fill=\"{Ink}\">{E(r.Label)}</text>");
            }
            Line("</g>");
        }

        private void Markers()
        {
            var points = _spec.Markers
                .Where(m => double.IsFinite(m.X) && double.IsFinite(m.Y) && (!IsLog || m.Y > 0))
                .Select(m => (Marker: m, X: MapX(m.X), Y: MapY(m.Y)))
                .ToList();
            if (points.Count == 0)
            {
                return;
            }
            Line($"<g class=\"markers\" font-size=\"{N(TickSize)}\">");
            foreach ((ChartMarker _, double x, double y) in points)
            {
                Line($"<line x1=\"{N(x)}\" y1=\"{N(y + 6)}\" x2=\"{N(x)}\" y2=\"{N(_plotBottom)}\" stroke=\"{Ink}\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>");
                Line($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"5.5\" fill=\"#ffffff\" stroke=\"{Ink}\" stroke-width=\"2\"/>");
            }
            // Labels go right of their ring, else left, else wherever they fit; a label that would
            // cover an earlier one moves up a line (or below the ring when there is no room above).
            var placed = new List<(double Left, double Top, double Right, double Bottom)>();
            foreach ((ChartMarker marker, double x, double y) in points.Where(p => p.Marker.Label.Length > 0))
            {
                double width = SvgText.Width(marker.Label, TickSize) * 1.08;
                double left = x + 9;
                if (left + width > _spec.Width - Pad)
                {
                    left = x - 9 - width >= Pad ? x - 9 - width : Math.Max(Pad, _spec.Width - Pad - width);
                }
                double baseline = Math.Max(_plotTop + 10, y - 9);
                bool Overlaps(double b) => placed.Any(p => left < p.Right && left + width > p.Left && b - TickSize < p.Bottom && b + 4 > p.Top);
                while (Overlaps(baseline) && baseline - TickSize - 5 >= _plotTop + 10)
                {
                    baseline -= TickSize + 5;
                }
                if (Overlaps(baseline))
                {
                    baseline = y + 22;
                    while (Overlaps(baseline) && baseline < _plotBottom - 4)
                    {
                        baseline += TickSize + 5;
                    }
                }
                placed.Add((left, baseline - TickSize, left + width, baseline + 4));
                Backdrop(left, baseline, marker.Label, anchorEnd: false, bold: true);
                Line($"<text x=\"{N(left)}\" y=\"{N(baseline)}\" font-weight=\"bold\" fill=\"{Ink}\">{E(marker.Label)}</text>");
            }
            Line("</g>");
        }

        /// <summary>A translucent white box behind a label so lines under it do not cross the text.</summary>
        private void Backdrop(double x, double baseline, string label, bool anchorEnd, bool bold)
        {
            double width = SvgText.Width(label, TickSize) * (bold ? 1.08 : 1) + 6;
            double left = anchorEnd ? x - width + 3 : x - 3;
            Line($"<rect x=\"{N(left)}\" y=\"{N(baseline - TickSize)}\" width=\"{N(width)}\" height=\"{N(TickSize + 4)}\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>");
        }

        private List<List<(double X, double LabelX, int Series)>> LegendRows()
        {
            var rows = new List<List<(double X, double LabelX, int Series)>>();
            List<int> listed = Enumerable.Range(0, _spec.Series.Count).Where(i => _spec.Series[i].InLegend).ToList();
            if (!(_spec.Legend ?? listed.Count >= 2) || listed.Count == 0)
            {
                return rows;
            }
            double x = Pad, limit = _spec.Width - Pad;
            var row = new List<(double X, double LabelX, int Series)>();
            foreach (int index in listed)
            {
                double width = 22 + SvgText.Width(_spec.Series[index].Name, LabelSize);
                if (row.Count > 0 && x + width > limit)
                {
                    rows.Add(row);
                    row = [];
                    x = Pad;
                }
                row.Add((x, x + 22, index));
                x += width + 16;
            }
            rows.Add(row);
            return rows;
        }

        private void Legend(List<List<(double X, double LabelX, int Series)>> rows, bool area)
        {
            if (rows.Count == 0)
            {
                return;
            }
            Line($"<g class=\"legend\" font-size=\"{N(LabelSize)}\" fill=\"{Ink}\">");
            for (int r = 0; r < rows.Count; r++)
            {
                double y = _spec.Height - Pad - (rows.Count - 1 - r) * LegendRow;
                foreach ((double x, double labelX, int index) in rows[r])
                {
                    ChartSeries s = _spec.Series[index];
                    string color = Palette.ForSeries(s.ColorIndex ?? index);
                    if (area)
                    {
                        Line($"<rect x=\"{N(x)}\" y=\"{N(y - 10)}\" width=\"14\" height=\"12\" fill=\"{color}\"/>");
                    }
                    else if (s.Kind == SeriesKind.Band)
                    {
                        Line($"<rect x=\"{N(x)}\" y=\"{N(y - 10)}\" width=\"16\" height=\"12\" fill=\"{color}\" fill-opacity=\"{BandOpacity}\"/>");
                    }
                    else if (s.Style == SeriesStyle.Points)
                    {
                        Line($"<circle cx=\"{N(x + 8)}\" cy=\"{N(y - 4)}\" r=\"4\" fill=\"{color}\"/>");
                    }
                    else
                    {
                        string dash = s.Style == SeriesStyle.Dashed ? " stroke-dasharray=\"5 3\"" : "";
                        Line($"<line x1=\"{N(x)}\" y1=\"{N(y - 4)}\" x2=\"{N(x + 16)}\" y2=\"{N(y - 4)}\" stroke=\"{color}\" stroke-width=\"3\"{dash}/>");
                    }
                    Line($"<text x=\"{N(labelX)}\" y=\"{N(y)}\">{E(s.Name)}</text>");
                }
            }
            Line("</g>");
        }

        /// <summary>Shortens <paramref name="text"/> with an ellipsis until it fits <paramref name="width"/>.</summary>
        private static string Fit(string text, double width, double fontSize)
        {
            if (SvgText.Width(text, fontSize) <= width)
            {
                return text;
            }
            int length = text.Length;
            while (length > 1 && SvgText.Width(text[..length] + "…", fontSize) > width)
            {
                length--;
            }
            return text[..length] + "…";
        }

        private void Line(string s) => _svg.Append(s).Append('\n');

        private static string N(double v) => SvgText.Num(v);

        private static string E(string s) => SvgText.Escape(s);
    }
}
