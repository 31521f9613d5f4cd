using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Which options an uncertain input can move, found by where its value sits in the document: inside
/// one option, inside several (an anchored value aliased into each), or inside a price event that
/// names its options. A sensitivity tornado compares one option with the baseline, so an input that
/// moves only other options has a swing of $0 there.
/// </summary>
internal static class InputReach
{
    /// <summary>The names of the options the input moves, or null when it can move any (traffic, token lengths, finance, a price event for every option).</summary>
    public static IReadOnlyList<string>? OptionsMoved(YamlNode root, InputTarget target)
    {
        YamlNode? value = (YamlNode?)target.Scalar ?? target.Mapping;
        if (value is null || root is not YamlMappingNode top)
        {
            return null;
        }
        var moved = new List<string>();
        foreach ((YamlNode key, YamlNode section) in top.Children)
        {
            string? name = (key as YamlScalarNode)?.Value;
            if (name == "uncertainty" || !Contains(section, value))
            {
                continue;
            }
            if (name is not ("options" or "price_events") || section is not YamlSequenceNode items)
            {
                return null;
            }
            foreach (YamlMappingNode item in items.Children.OfType<YamlMappingNode>().Where(i => Contains(i, value)))
            {
                IReadOnlyList<string>? options = Scalars(item, name == "options" ? "name" : "options");
                if (options is not { Count: > 0 })
                {
                    return null;
                }
                moved.AddRange(options);
            }
        }
        return moved.Count == 0 ? null : [.. moved.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The text of a scalar value, or of each scalar in a list value; null when the key is absent.</summary>
    private static IReadOnlyList<string>? Scalars(YamlMappingNode mapping, string key)
    {
        foreach ((YamlNode k, YamlNode v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return v switch
                {
                    YamlScalarNode { Value: { } text } => [text],
                    YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")],
                    _ => null,
                };
            }
        }
        return null;
    }

    private static bool Contains(YamlNode node, YamlNode value) =>
        ReferenceEquals(node, value) || node switch
        {
            YamlMappingNode m => m.Children.Any(e => Contains(e.Value, value)),
            YamlSequenceNode s => s.Children.Any(c => Contains(c, value)),
            _ => false,
        };
}
