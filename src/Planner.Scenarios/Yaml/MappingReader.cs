using Planner.Scenarios.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// Reads the keys of one YAML mapping. Every key asked for becomes known; <see cref="Finish"/>
/// then reports the keys nobody asked for as unknown, with the closest known key as a hint.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);

    public MappingReader(ReadContext context, YamlMappingNode node, string path)
    {
        Context = context;
        Node = node;
        Path = path;
        context.Schema?.Value(path, Schema.SchemaKind.Object);
        var merges = new List<YamlNode>();
        foreach (KeyValuePair<YamlNode, YamlNode> entry in node.Children)
        {
            if (MergeKeys.IsMergeKey(entry.Key))
            {
                merges.Add(entry.Value);
            }
            else if (entry.Key is YamlScalarNode { Value: not null } key)
            {
                _entries[key.Value] = (key, entry.Value);
            }
            else
            {
                context.Error(entry.Key, Messages.KeyNotAName(ReadContext.Describe(entry.Key)));
            }
        }
        // Keys a scenario variant adds are written in the mapping itself, so they win over merged ones.
        if (context.Overrides?.AddedKeys(node) is { } added)
        {
            foreach ((YamlScalarNode key, YamlScalarNode value) in added)
            {
                _entries[key.Value!] = (key, value);
            }
        }
        foreach (YamlNode merge in merges)
        {
            MergeKeys.MergeInto(_entries, merge,
                item => Context.Error(item, Messages.MergeNeedsMapping(PathOf(MergeKey), ReadContext.Describe(item))));
        }
    }

    /// <summary>The YAML merge key: <c>&lt;&lt;: *defaults</c> copies the keys of an anchored mapping that this mapping does not set itself.</summary>
    public const string MergeKey = MergeKeys.Key;

    public ReadContext Context { get; }

    public YamlMappingNode Node { get; }

    /// <summary>Dotted path of this mapping from the document root, e.g. <c>options[1].pricing</c>; empty for the root.</summary>
    public string Path { get; }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the key is present with a non-null value.</summary>
    public bool Has(string key)
    {
        Know(key);
        return _entries.TryGetValue(key, out var entry) && !ReadContext.IsNull(entry.Value);
    }

    /// <summary>The key's name node (for positions), or null when absent.</summary>
    public YamlScalarNode? KeyNode(string key)
    {
        Know(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Key : null;
    }

    /// <summary>
    /// The key's name node, or null when absent, taking the key out of <see cref="Finish"/>'s check
    /// without offering it as a suggestion: for a key that is reported with a message of its own.
    /// </summary>
    public YamlScalarNode? Claim(string key)
    {
        _claimed.Add(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Key : null;
    }

    /// <summary>The value, or null when the key is absent or its value is null; a required key that is missing is reported at this mapping.</summary>
    public YamlNode? Get(string key, bool required = false)
    {
        Know(key);
        if (_entries.TryGetValue(key, out var entry) && !ReadContext.IsNull(entry.Value))
        {
            return entry.Value;
        }
        if (required)
        {
            if (entry.Key is not null)
            {
                Context.Error(entry.Value, Messages.MissingValue(PathOf(key)));
            }
            else
            {
                Context.Error(Node, Messages.MissingKey(key, Path));
            }
        }
        return null;
    }

    public string? Text(string key, bool required = false) =>
        Asked(key, Schema.SchemaKind.Text) && Get(key, required) is { } node ? Context.Text(node, PathOf(key)) : null;

    public double? Double(string key, ValueRange range, bool required = false)
    {
        Context.NumberReads?.Key(Node, key, NumberKind.Real);
        Asked(key, Schema.SchemaKind.Number);
        return Get(key, required) is { } node ? Context.Double(node, PathOf(key), range) : null;
    }

    public int? Int(string key, ValueRange range, bool required = false)
    {
        Context.NumberReads?.Key(Node, key, NumberKind.Integer);
        Asked(key, Schema.SchemaKind.Integer);
        return Get(key, required) is { } node ? Context.Int(node, PathOf(key), range) : null;
    }

    public bool? Bool(string key, bool required = false) =>
        Asked(key, Schema.SchemaKind.Boolean) && Get(key, required) is { } node ? Context.Bool(node, PathOf(key)) : null;

    public DateOnly? Date(string key, bool required = false) =>
        Asked(key, Schema.SchemaKind.Date) && Get(key, required) is { } node ? Context.Date(node, PathOf(key)) : null;

    public string? Word(string key, string what, IReadOnlyList<string> allowed, bool required = false) =>
        Asked(key, Schema.SchemaKind.Word, allowed) && Get(key, required) is { } node ? Context.Word(node, PathOf(key), what, allowed) : null;

    public T? Choice<T>(string key, string what, IReadOnlyList<KeyValuePair<string, T>> choices, bool required = false)
        where T : struct =>
        Asked(key, Schema.SchemaKind.Word, choices.Select(c => c.Key)) && Get(key, required) is { } node ? Context.Choice(node, PathOf(key), what, choices) : null;

    public MappingReader? Mapping(string key, bool required = false) =>
        Asked(key, Schema.SchemaKind.Object) && Get(key, required) is { } node ? Context.Mapping(node, PathOf(key)) : null;

    public YamlSequenceNode? Sequence(string key, bool required = false) =>
        Asked(key, Schema.SchemaKind.Array) && Get(key, required) is { } node ? Context.Sequence(node, PathOf(key)) : null;

    /// <summary>Reports every key that no one asked for, suggesting the closest known key.</summary>
    public void Finish()
    {
        foreach ((string name, (YamlScalarNode key, _)) in _entries)
        {
            if (!_known.Contains(name) && !_claimed.Contains(name))
            {
                IReadOnlyList<string> close = Suggestions.Close(name, _known);
                Context.Error(key, Messages.UnknownKey(PathOf(name)),
                    close.Count > 0 ? Messages.DidYouMean(close) : Messages.AllowedKeys(_known));
            }
        }
    }

    private void Know(string key)
    {
        Context.Schema?.Key(Path, key);
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }
    }

    /// <summary>Records, for the schema, that the key is read as <paramref name="kind"/> whether or not it is given; always true.</summary>
    private bool Asked(string key, Schema.SchemaKind kind, IEnumerable<string>? words = null)
    {
        Context.Schema?.Value(PathOf(key), kind, words);
        return true;
    }
}
