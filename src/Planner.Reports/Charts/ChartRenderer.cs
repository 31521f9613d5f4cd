using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Planner.Reports.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot, as SVG for the reports and as PNG for slides.
/// ScottPlot's SVG is a bare drawing; <see cref="Svg"/> makes it a chart a page can scale and a
/// screen reader can name: a <c>viewBox</c>, <c>role="img"</c>, a <c>&lt;title&gt;</c> and a
/// <c>&lt;desc&gt;</c> (the spec's description plus a sentence for each value off the scale),
/// and element ids prefixed with the chart's id so that several charts can sit in one HTML page.
/// Output depends only on the spec: the same spec gives the same bytes, whatever the culture.
/// </summary>
public static partial class ChartRenderer
{
    /// <summary>How many times larger than the SVG's size the PNG is drawn, so that it stays sharp on a slide.</summary>
    public const int PngScale = 2;

    /// <summary>The font stack written into the SVG: DejaVu Sans, which the glyphs were placed for, then common fallbacks.</summary>
    public const string FontFamily = "'DejaVu Sans', Verdana, Arial, sans-serif";

    /// <summary>The chart as a standalone, accessible SVG document.</summary>
    /// <exception cref="ChartFontMissingException">The chart font is not installed.</exception>
    public static string Svg(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using BuiltPlot built = PlotBuilder.Build(spec);
        return Accessible(built.Plot.GetSvgXml(spec.Width, spec.Height), spec, built.Notes);
    }

    /// <summary>The chart as a PNG image, <see cref="PngScale"/> times the SVG's size.</summary>
    /// <exception cref="ChartFontMissingException">The chart font is not installed.</exception>
    public static byte[] Png(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using BuiltPlot built = PlotBuilder.Build(spec);
        built.Plot.ScaleFactor = PngScale;
        return built.Plot.GetImageBytes(spec.Width * PngScale, spec.Height * PngScale, ImageFormat.Png);
    }

    private static string Describe(ChartSpec spec, IReadOnlyList<string> notes) =>
        notes.Count == 0 ? spec.Description : spec.Description + " Off the scale: " + string.Join(" ", notes);

    private static string Accessible(string svg, ChartSpec spec, IReadOnlyList<string> notes)
    {
        int open = svg.IndexOf("<svg", StringComparison.Ordinal);
        int close = open < 0 ? -1 : svg.IndexOf('>', open);
        if (close < 0)
        {
            throw new InvalidOperationException("ScottPlot wrote no <svg> element");
        }
        string id = Escape(spec.Id);
        var sb = new StringBuilder(svg.Length + 512);
        string body = svg[(close + 1)..];
        // Skia names clip paths from a counter that runs on through the process, so the names
        // depend on what was drawn before; and charts in one HTML page must not share them. Each
        // becomes the chart's id and its place in the document.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdAttribute().Matches(body))
        {
            names.TryAdd(m.Groups[1].Value, $"{spec.Id}-clip-{(names.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        string Renamed(string name) => Escape(names.GetValueOrDefault(name, spec.Id + "-" + name));
        body = IdAttribute().Replace(body, m => $"id=\"{Renamed(m.Groups[1].Value)}\"");
        body = UrlReference().Replace(body, m => $"url(#{Renamed(m.Groups[1].Value)})");
        body = HrefReference().Replace(body, m => $"href=\"#{Renamed(m.Groups[1].Value)}\"");
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\"")
          .Append(body.Contains("xlink:", StringComparison.Ordinal) ? " xmlns:xlink=\"http://www.w3.org/1999/xlink\"" : "")
          .Append($" class=\"chart\" data-chart=\"{id}\" viewBox=\"0 0 {spec.Width} {spec.Height}\" width=\"{spec.Width}\" height=\"{spec.Height}\"")
          .Append($" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n")
          .Append($"<title id=\"{id}-title\">{Escape(spec.Title)}</title>\n")
          .Append($"<desc id=\"{id}-desc\">{Escape(Describe(spec, notes))}</desc>");
        body = body.Replace($"font-family=\"{ChartFonts.Family}\"", $"font-family=\"{FontFamily}\"", StringComparison.Ordinal);
        sb.Append(body.ReplaceLineEndings("\n").TrimEnd()).Append('\n');
        return sb.ToString();
    }

    /// <summary>Escapes text for XML content and attribute values.</summary>
    internal static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                // Control characters other than tab and newline are not allowed in XML.
                case < ' ' and not '\t' and not '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("url\\(#([^)]+)\\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("href=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
