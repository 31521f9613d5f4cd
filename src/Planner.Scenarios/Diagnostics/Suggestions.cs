namespace Planner.Scenarios.Diagnostics;

/// <summary>Finds what a misspelt name probably meant.</summary>
public static class Suggestions
{
    /// <summary>Most ids listed in full when nothing is close.</summary>
    public const int ListAllLimit = 12;

    /// <summary>
    /// Candidates within edit distance 2 of <paramref name="input"/>, or sharing a prefix with it
    /// (one starts with the other), in the candidates' own order.
    /// </summary>
    public static IReadOnlyList<string> Close(string input, IEnumerable<string> candidates)
    {
        string needle = input.ToLowerInvariant();
        var close = new List<string>();
        foreach (string candidate in candidates)
        {
            string c = candidate.ToLowerInvariant();
            bool prefix = needle.Length > 0 && (c.StartsWith(needle, StringComparison.Ordinal) || needle.StartsWith(c, StringComparison.Ordinal));
            if ((prefix || Levenshtein(needle, c) <= 2) && !close.Contains(candidate))
            {
                close.Add(candidate);
            }
        }
        return close;
    }

    /// <summary>
    /// The parenthesised hint for an unknown name: close matches as "did you mean", otherwise the
    /// whole list when it is short enough to read, otherwise <paramref name="whenTooMany"/>.
    /// </summary>
    public static string? Hint(string input, IReadOnlyCollection<string> candidates, string? whenTooMany = null)
    {
        IReadOnlyList<string> close = Close(input, candidates);
        if (close.Count > 0)
        {
            return Messages.DidYouMean(close);
        }
        if (candidates.Count == 0 || candidates.Count > ListAllLimit)
        {
            return whenTooMany;
        }
        return Messages.AllowedList(candidates);
    }

    /// <summary>Classic edit distance (insertions, deletions, substitutions), two-row form.</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
