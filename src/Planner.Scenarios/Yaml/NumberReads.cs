using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// What the readers read as numbers while loading a document: the scalar nodes, and the keys each
/// mapping was asked for (present or not). An uncertain input may address exactly these: a value
/// the reader reads as a number, or a numeric key the reader would read at that place.
/// </summary>
/// <remarks>Nodes are keyed by identity: YamlDotNet compares nodes by content, and two equal scalars are different places.</remarks>
internal sealed class NumberReads
{
    private readonly Dictionary<YamlNode, NumberKind> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<YamlNode, Dictionary<string, NumberKind>> _keys = new(ReferenceEqualityComparer.Instance);

    public void Node(YamlNode node, NumberKind kind) => _nodes[node] = kind;

    public void Key(YamlMappingNode mapping, string key, NumberKind kind)
    {
        if (!_keys.TryGetValue(mapping, out Dictionary<string, NumberKind>? keys))
        {
            keys = new Dictionary<string, NumberKind>(StringComparer.Ordinal);
            _keys[mapping] = keys;
        }
        keys[key] = kind;
    }

    /// <summary>How a scalar was read, or null when no reader read it as a number.</summary>
    public NumberKind? OfNode(YamlNode node) => _nodes.TryGetValue(node, out NumberKind kind) ? kind : null;

    /// <summary>How a key of a mapping is read, or null when no reader asked the mapping for it as a number.</summary>
    public NumberKind? OfKey(YamlMappingNode mapping, string key) =>
        _keys.TryGetValue(mapping, out Dictionary<string, NumberKind>? keys) && keys.TryGetValue(key, out NumberKind kind) ? kind : null;

    /// <summary>The numeric keys readers asked a mapping for, in the order first asked.</summary>
    public IReadOnlyCollection<string> KeysOf(YamlMappingNode mapping) =>
        _keys.TryGetValue(mapping, out Dictionary<string, NumberKind>? keys) ? keys.Keys : [];
}
