using YamlDotNet.Core;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// Finds a key longer than YAML allows. YamlDotNet stops treating such a key as a key at all and
/// then reports the line as a broken mapping ("did not find expected key"), which says nothing
/// of what to fix.
/// </summary>
internal static class LongKeys
{
    /// <summary>
    /// The start and length (up to its <c>:</c>) of a key longer than
    /// <see cref="YamlLimits.MaxPlainKeyLength"/> on the line of <paramref name="errorAt"/>, or null.
    /// Only block-style keys are looked for: at the start of the line, after its indentation and
    /// any <c>- </c> or <c>? </c> indicators.
    /// </summary>
    public static (Mark Start, int Length)? OnLineOf(string text, Mark errorAt)
    {
        int index = (int)Math.Clamp(errorAt.Index, 0, text.Length);
        int lineStart = index;
        while (lineStart > 0 && text[lineStart - 1] is not ('\n' or '\r'))
        {
            lineStart--;
        }
        int lineEnd = text.IndexOfAny(['\n', '\r'], lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }
        int keyStart = lineStart;
        while (true)
        {
            while (keyStart < lineEnd && text[keyStart] is (' ' or '\t'))
            {
                keyStart++;
            }
            if (keyStart < lineEnd && text[keyStart] is ('-' or '?') && IsSpaceOrEnd(text, keyStart + 1, lineEnd))
            {
                keyStart++;
                continue;
            }
            break;
        }
        if (ColonAfterKey(text, keyStart, lineEnd) is not { } colon || colon - keyStart <= YamlLimits.MaxPlainKeyLength)
        {
            return null;
        }
        return (new Mark(keyStart, Math.Max(1, errorAt.Line), keyStart - lineStart + 1), colon - keyStart);
    }

    /// <summary>The index of the <c>:</c> that ends the key starting at <paramref name="start"/>, or null when the line holds no key there.</summary>
    private static int? ColonAfterKey(string text, int start, int lineEnd)
    {
        if (start >= lineEnd || text[start] is '{' or '[' or '#')
        {
            return null;
        }
        if (text[start] is '"' or '\'')
        {
            int i = ClosingQuote(text, start, lineEnd);
            if (i < 0)
            {
                return null;
            }
            i++;
            while (i < lineEnd && text[i] is (' ' or '\t'))
            {
                i++;
            }
            return i < lineEnd && text[i] == ':' && IsSpaceOrEnd(text, i + 1, lineEnd) ? i : null;
        }
        for (int i = start; i < lineEnd; i++)
        {
            if (text[i] == ':' && IsSpaceOrEnd(text, i + 1, lineEnd))
            {
                return i;
            }
            if (text[i] == '#' && text[i - 1] is (' ' or '\t'))
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>The index of the quote that closes the one at <paramref name="start"/> on the same line, or -1.</summary>
    private static int ClosingQuote(string text, int start, int lineEnd)
    {
        char quote = text[start];
        for (int i = start + 1; i < lineEnd; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                // In single quotes, '' is a quote inside the text.
                if (quote == '\'' && i + 1 < lineEnd && text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    private static bool IsSpaceOrEnd(string text, int index, int lineEnd) =>
        index >= lineEnd || text[index] is (' ' or '\t');
}
