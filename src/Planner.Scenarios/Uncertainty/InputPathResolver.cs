using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Follows an <see cref="InputPath"/> through the loaded document to a number the reader reads,
/// or to a numeric key the reader accepts where the document leaves it out. Keys merged in with
/// <c>&lt;&lt;</c> are found as the reader finds them; a value reached through an alias is the
/// anchored node itself.
/// </summary>
internal static class InputPathResolver
{
    /// <summary>The target, or null after reporting at <paramref name="at"/> why the path addresses no number.</summary>
    /// <param name="root">The document's root mapping.</param>
    /// <param name="path">The parsed path.</param>
    /// <param name="reads">What the readers read as numbers while loading the document.</param>
    /// <param name="read">Where problems go.</param>
    /// <param name="at">The node holding the path, where problems are reported.</param>
    /// <param name="where">The path key's own path (<c>uncertainty.inputs[0].path</c>), which messages start with.</param>
    public static InputTarget? Resolve(YamlNode root, InputPath path, NumberReads reads, ReadContext read, YamlNode at, string where)
    {
        YamlNode node = root;
        for (int i = 0; i < path.Steps.Count; i++)
        {
            InputPathStep step = path.Steps[i];
            string parent = path.Prefix(i);
            bool last = i == path.Steps.Count - 1;
            if (step.Key is { } key)
            {
                if (node is not YamlMappingNode mapping)
                {
                    read.Error(at, Messages.InputPathNotMapping(where, path.Text, parent, ReadContext.Describe(node)),
                        node is YamlSequenceNode ? Messages.InputPathListHint : Messages.InputPathKeyHint);
                    return null;
                }
                Dictionary<string, YamlNode> entries = Entries(mapping);
                if (entries.TryGetValue(key, out YamlNode? value))
                {
                    node = value;
                    continue;
                }
                if (last && reads.OfKey(mapping, key) is { } kind)
                {
                    return new InputTarget { Path = path, Mapping = mapping, Key = key, Kind = kind };
                }
                IReadOnlyList<string> candidates = entries.Keys.Concat(reads.KeysOf(mapping)).Distinct().ToList();
                read.Error(at, Messages.InputPathNoKey(where, path.Text, key, parent),
                    Suggestions.Hint(key, candidates) ?? Messages.InputPathKeysAllowed(parent, candidates));
                return null;
            }
            if (node is not YamlSequenceNode list)
            {
                read.Error(at, Messages.InputPathNotList(where, path.Text, parent, ReadContext.Describe(node)), Messages.InputPathItemHint);
                return null;
            }
            if (step.Index is { } index)
            {
                if (index >= list.Children.Count)
                {
                    read.Error(at, Messages.InputPathIndexOutOfRange(where, path.Text, parent, index, list.Children.Count),
                        Messages.InputPathIndices(list.Children.Count));
                    return null;
                }
                node = list.Children[index];
                continue;
            }
            string name = step.ItemName!;
            var named = list.Children.Where(item => NameOf(item) == name).ToList();
            if (named.Count == 0)
            {
                List<string> names = list.Children.Select(NameOf).OfType<string>().ToList();
                read.Error(at, Messages.InputPathNoItem(where, path.Text, parent, name),
                    names.Count == 0 ? Messages.InputPathByIndex : Suggestions.Hint(name, names) ?? Messages.InputPathItemsAllowed(parent, list.Children.Count));
                return null;
            }
            if (named.Count > 1)
            {
                read.Error(at, Messages.InputPathAmbiguousItem(where, path.Text, parent, name, named.Count), Messages.InputPathByIndex);
                return null;
            }
            node = named[0];
        }
        if (node is YamlScalarNode scalar && !ReadContext.IsNull(node) && reads.OfNode(node) is { } scalarKind)
        {
            return new InputTarget { Path = path, Scalar = scalar, Kind = scalarKind };
        }
        read.Error(at, Messages.InputPathNotNumber(where, path.Text, ReadContext.Describe(node)), Messages.InputPathNumberHint);
        return null;
    }

    /// <summary>A mapping's keys as the reader sees them: its own, then those merged in with <c>&lt;&lt;</c> that it does not set.</summary>
    private static Dictionary<string, YamlNode> Entries(YamlMappingNode mapping) =>
        MergeKeys.Entries(mapping).ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);

    /// <summary>The item's <c>name</c>, or null when it has none.</summary>
    private static string? NameOf(YamlNode item) =>
        item is YamlMappingNode mapping && Entries(mapping).TryGetValue("name", out YamlNode? name) && name is YamlScalarNode { Value: { } text }
            ? text
            : null;
}
