using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// The YAML merge key <c>&lt;&lt;</c>, resolved the same way for the readers and for the paths of
/// uncertain inputs: a mapping's own keys win; then each mapping merged in, in order, with its
/// own merges resolved first in turn, so that a merged mapping that itself merges another one
/// brings in every key (<c>{&lt;&lt;: &amp;b {&lt;&lt;: &amp;a {x: 1}}}</c> has <c>x</c>).
/// </summary>
internal static class MergeKeys
{
    /// <summary>The merge key: <c>&lt;&lt;: *defaults</c> copies the keys of an anchored mapping that the mapping does not set itself.</summary>
    public const string Key = "<<";

    public static bool IsMergeKey(YamlNode key) => key is YamlScalarNode { Value: Key, Style: ScalarStyle.Plain };

    /// <summary>
    /// Adds to <paramref name="entries"/> every key that <paramref name="source"/> (the value of a
    /// <c>&lt;&lt;</c>: one mapping or a list of them) brings in and that is not there yet.
    /// </summary>
    /// <param name="entries">The keys found so far, by name; those already there stay.</param>
    /// <param name="source">The value of a merge key.</param>
    /// <param name="onNotMapping">Called with each merged item that is not a mapping; null to skip them quietly.</param>
    public static void MergeInto(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries, YamlNode source, Action<YamlNode>? onNotMapping) =>
        MergeInto(entries, source, onNotMapping, new HashSet<YamlMappingNode>(ReferenceEqualityComparer.Instance));

    /// <summary>A mapping's keys as the readers see them: its own, then those merged in that it does not set; merge problems are skipped.</summary>
    public static Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        var entries = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        var merges = new List<YamlNode>();
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            if (IsMergeKey(entry.Key))
            {
                merges.Add(entry.Value);
            }
            else if (entry.Key is YamlScalarNode { Value: { } name } key)
            {
                entries[name] = (key, entry.Value);
            }
        }
        var seen = new HashSet<YamlMappingNode>(ReferenceEqualityComparer.Instance) { mapping };
        foreach (YamlNode merge in merges)
        {
            MergeInto(entries, merge, null, seen);
        }
        return entries;
    }

    private static void MergeInto(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries, YamlNode source, Action<YamlNode>? onNotMapping,
        HashSet<YamlMappingNode> seen)
    {
        IEnumerable<YamlNode> sources = source is YamlSequenceNode list ? list.Children : [source];
        foreach (YamlNode item in sources)
        {
            if (item is not YamlMappingNode mapping)
            {
                onNotMapping?.Invoke(item);
                continue;
            }
            // A mapping merged twice (through two aliases) adds nothing the second time; skipping
            // it keeps shared defaults merged many times over linear rather than exponential.
            if (!seen.Add(mapping))
            {
                continue;
            }
            var nested = new List<YamlNode>();
            foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
            {
                if (IsMergeKey(entry.Key))
                {
                    nested.Add(entry.Value);
                }
                else if (entry.Key is YamlScalarNode { Value: { } name } key)
                {
                    entries.TryAdd(name, (key, entry.Value));
                }
            }
            // Depth is bounded: the parser refused documents nested (aliases included) beyond YamlLimits.MaxDepth.
            foreach (YamlNode merge in nested)
            {
                MergeInto(entries, merge, onNotMapping, seen);
            }
        }
    }
}
