using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// Values a scenario variant reads in place of the document's: a replacement text for a scalar
/// node, or a key added to a mapping. The document's nodes are shared by every variant and never
/// changed, so variants can be read on many threads at once.
/// </summary>
/// <remarks>Nodes are keyed by identity: a value shared through an anchor is one node, and changes everywhere it is used.</remarks>
internal sealed class ValueOverrides
{
    private readonly Dictionary<YamlNode, string> _scalars = new(ReferenceEqualityComparer.Instance);
    private Dictionary<YamlNode, List<(YamlScalarNode Key, YamlScalarNode Value)>>? _added;

    public void Replace(YamlScalarNode scalar, string text) => _scalars[scalar] = text;

    public void Add(YamlMappingNode mapping, string key, string text)
    {
        _added ??= new Dictionary<YamlNode, List<(YamlScalarNode, YamlScalarNode)>>(ReferenceEqualityComparer.Instance);
        if (!_added.TryGetValue(mapping, out List<(YamlScalarNode, YamlScalarNode)>? keys))
        {
            keys = [];
            _added[mapping] = keys;
        }
        keys.Add((new YamlScalarNode(key), new YamlScalarNode(text)));
    }

    public bool TryGet(YamlScalarNode scalar, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text) =>
        _scalars.TryGetValue(scalar, out text);

    /// <summary>Keys added to a mapping, or null when none.</summary>
    public IReadOnlyList<(YamlScalarNode Key, YamlScalarNode Value)>? AddedKeys(YamlMappingNode mapping) =>
        _added is not null && _added.TryGetValue(mapping, out List<(YamlScalarNode, YamlScalarNode)>? keys) ? keys : null;
}
