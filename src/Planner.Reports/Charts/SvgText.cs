using System.Globalization;
using System.Text;

namespace Planner.Reports.Charts;

/// <summary>Escaping, coordinates and text-width estimates shared by the SVG and HTML writers.</summary>
internal static class SvgText
{
    /// <summary>Escapes text for XML and HTML content and attribute values.</summary>
    public static string Escape(string text)
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

    /// <summary>A coordinate with one decimal, invariant, never "-0".</summary>
    public static string Num(double v)
    {
        double r = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        return r == 0 ? "0" : r.ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rough width of <paramref name="text"/> in DejaVu Sans (the font the report asks for first;
    /// others are narrower), enough to lay out legends and margins without measuring.
    /// </summary>
    public static double Width(string text, double fontSize)
    {
        double em = 0;
        foreach (char c in text)
        {
            em += c switch
            {
                'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.3,
                'f' or 't' or 'r' or ' ' or '(' or ')' or '-' or '[' or ']' => 0.4,
                'm' or 'w' or 'M' or 'W' or '%' => 0.95,
                >= 'A' and <= 'Z' => 0.72,
                _ => 0.63,
            };
        }
        return em * fontSize;
    }
}
