using System.Globalization;
using System.Text;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// The address of one value in a scenario document: mapping keys separated by dots, list items
/// selected by the value of their <c>name</c> key (<c>options[llama-8b-l4]</c>) or by their
/// 0-based index (<c>fixed_costs[0]</c>). Names may hold dots (<c>api-gpt-4.1-mini</c>), which is
/// why items are always selected in brackets.
/// </summary>
internal sealed class InputPath
{
    private InputPath(string text, IReadOnlyList<InputPathStep> steps)
    {
        Text = text;
        Steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    public IReadOnlyList<InputPathStep> Steps { get; }

    /// <summary>The mapping keys along the path, without the list selectors: what decides an input's effect.</summary>
    public IEnumerable<string> Keys => Steps.Where(s => s.Key is not null).Select(s => s.Key!);

    /// <summary>Parses <c>key(.key | [selector])*</c>; null when the text is not of that form.</summary>
    public static InputPath? Parse(string text)
    {
        var steps = new List<InputPathStep>();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < text.Length && text[i] is not ('.' or '[' or ']'))
            {
                i++;
            }
            string key = text[start..i].Trim();
            if (key.Length == 0)
            {
                return null;
            }
            steps.Add(new InputPathStep(key, null, null));
            while (i < text.Length && text[i] == '[')
            {
                int close = text.IndexOf(']', i + 1);
                if (close < 0)
                {
                    return null;
                }
                string selector = text[(i + 1)..close].Trim();
                if (selector.Length == 0)
                {
                    return null;
                }
                steps.Add(IsIndex(selector, out int index) ? new InputPathStep(null, null, index) : new InputPathStep(null, selector, null));
                i = close + 1;
            }
            if (i == text.Length)
            {
                return new InputPath(text, steps);
            }
            if (text[i] != '.')
            {
                return null;
            }
            i++;
        }
    }

    /// <summary>The path up to (not including) step <paramref name="count"/>, as it would be written.</summary>
    public string Prefix(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            InputPathStep step = Steps[i];
            if (step.Key is not null)
            {
                text.Append(text.Length == 0 ? "" : ".").Append(step.Key);
            }
            else
            {
                text.Append('[').Append(step.Describe()).Append(']');
            }
        }
        return text.ToString();
    }

    private static bool IsIndex(string selector, out int index) =>
        int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out index);
}

/// <summary>One step of an <see cref="InputPath"/>: a mapping key, a list item's name, or a list index.</summary>
internal readonly record struct InputPathStep(string? Key, string? ItemName, int? Index)
{
    public string Describe() => Key ?? ItemName ?? Index!.Value.ToString(CultureInfo.InvariantCulture);
}
