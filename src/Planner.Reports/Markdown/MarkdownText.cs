using System.Text;
using Planner.Reports.Narrative;

namespace Planner.Reports.Markdown;

/// <summary>Escaping and tables shared by the Markdown reports (report.md and optimization.md).</summary>
internal static class MarkdownText
{
    /// <summary>A <see cref="TextTable"/> as a Markdown table; <paramref name="codeColumn"/> is shown as code (a scenario path).</summary>
    public static void Table(StringBuilder md, TextTable table, int codeColumn = -1)
    {
        md.Append('|');
        foreach (string header in table.Headers)
        {
            md.Append(' ').Append(Cell(header)).Append(" |");
        }
        md.Append("\n|");
        foreach (bool numeric in table.Numeric)
        {
            md.Append(numeric ? "--:|" : "---|");
        }
        md.Append('\n');
        foreach (IReadOnlyList<string> row in table.Rows)
        {
            md.Append('|');
            for (int c = 0; c < row.Count; c++)
            {
                md.Append(' ').Append(c == codeColumn ? "`" + row[c].Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`" : Cell(row[c])).Append(" |");
            }
            md.Append('\n');
        }
    }

    /// <summary>Keeps scenario text from breaking a Markdown table row.</summary>
    public static string Cell(string text) => Text(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Keeps scenario text from being read as HTML by the code host's renderer.</summary>
    public static string Text(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
