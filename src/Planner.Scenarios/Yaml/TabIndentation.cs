using YamlDotNet.Core;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// Finds the tab YamlDotNet refuses as indentation. Its scanner throws "found invalid tab as
/// indentation" with an empty position (so the error read 1:1), and its "tab character that violate
/// indentation" points at the value before the tab, not at the tab.
/// </summary>
internal static class TabIndentation
{
    /// <summary>True when YamlDotNet's message is about a tab.</summary>
    public static bool IsAbout(string message) =>
        message.Contains(" tab ", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where the first tab at or after <paramref name="from"/> stands in a line's indentation (the
    /// spaces and tabs before its first other character), or null when there is none.
    /// </summary>
    /// <remarks>
    /// <paramref name="from"/> is the end of the last event YamlDotNet produced before it threw:
    /// everything before it was read, so a tab inside a quoted value or a block scalar there is not
    /// mistaken for the one refused, and the scanner throws before the next token, so that tab is
    /// the first one in the indentation of a line after it.
    /// </remarks>
    public static Mark? FirstAfter(string text, Mark from)
    {
        int start = (int)Math.Clamp(from.Index, 0, text.Length);
        int lineStart = LineStartOf(text, start);
        while (lineStart < text.Length)
        {
            for (int i = lineStart; i < text.Length && text[i] is (' ' or '\t'); i++)
            {
                if (text[i] == '\t' && i >= start)
                {
                    return MarkAt(text, i);
                }
            }
            int lineBreak = text.IndexOfAny(['\n', '\r'], lineStart);
            if (lineBreak < 0)
            {
                return null;
            }
            lineStart = lineBreak + 1;
        }
        return null;
    }

    private static int LineStartOf(string text, int index)
    {
        int lineStart = index;
        while (lineStart > 0 && text[lineStart - 1] is not ('\n' or '\r'))
        {
            lineStart--;
        }
        return lineStart;
    }

    /// <summary>The 1-based line and column of a character, counting a CR LF pair as one line break, as YamlDotNet does.</summary>
    private static Mark MarkAt(string text, int index)
    {
        long line = 1;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
            }
        }
        return new Mark(index, line, index - LineStartOf(text, index) + 1);
    }
}
