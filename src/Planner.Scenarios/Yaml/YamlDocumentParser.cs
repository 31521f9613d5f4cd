using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// Turns YAML text into one document's root node, reporting syntax errors, duplicate keys, extra
/// documents and breaches of <see cref="YamlLimits"/> as diagnostics instead of exceptions.
/// </summary>
internal static class YamlDocumentParser
{
    /// <summary>The root node, or null when the text is not a single well-formed YAML document within the limits.</summary>
    public static YamlNode? Parse(string text, ReadContext context)
    {
        // YamlStream recurses once per nesting level and stops at the first duplicate key, so a
        // streaming pass over the events first checks the limits (stopping at the first breach,
        // which is what keeps a hostile file fast) and finds every duplicate key.
        if (Prescan(text, context) is not true)
        {
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            ReportSyntaxError(e, text, Mark.Empty, context);
            return null;
        }
        catch (Exception e) when (IsScannerFailure(e))
        {
            context.Error(Mark.Empty, Messages.MalformedYamlHere);
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            context.Error(Mark.Empty, Messages.EmptyDocument, Messages.OneDocumentAllowed);
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            context.Error(stream.Documents[1].RootNode, Messages.MoreThanOneDocument, Messages.SecondDocumentAllowed);
            return null;
        }
        YamlNode root = stream.Documents[0].RootNode;
        if (ReadContext.IsNull(root))
        {
            context.Error(root, Messages.EmptyDocument, Messages.OneDocumentAllowed);
            return null;
        }
        return root;
    }

    /// <summary>
    /// True when the text parses within the limits and without duplicate keys; false after
    /// reporting duplicate keys; null after a syntax error or a breached limit.
    /// </summary>
    private static bool? Prescan(string text, ReadContext context)
    {
        var frames = new Stack<Frame>();
        // Height (lists and mappings below and including the node) and size (nodes, aliases
        // counted as copies) of every anchored node seen so far; null while the node is still open.
        var anchors = new Dictionary<string, Extent?>(StringComparer.Ordinal);
        long totalNodes = 0;
        bool clean = true;
        var parser = new Parser(new StringReader(text));
        Mark lastGood = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                lastGood = current.End;
                if (current is NodeEvent { Tag.IsEmpty: false } tagged)
                {
                    // `!custom 200` and `!!str 200` were read as the plain 200, their tags ignored.
                    context.Error(tagged.Start, Messages.TagNotUsed(tagged.Tag.Value), Messages.TagAllowed);
                    clean = false;
                }
                switch (current)
                {
                    case Scalar scalar:
                        if (scalar.Value.Length > YamlLimits.MaxScalarLength)
                        {
                            context.Error(scalar.Start, Messages.ScalarTooLong(scalar.Value.Length), Messages.ScalarLengthAllowed);
                            return null;
                        }
                        if (frames.TryPeek(out Frame? top) && top.Keys is not null && top.ExpectingKey)
                        {
                            if (top.Keys.TryGetValue(scalar.Value, out Mark first))
                            {
                                context.Error(scalar.Start, Messages.DuplicateKey(scalar.Value),
                                    Messages.FirstAt(ReadContext.LineOf(first), ReadContext.ColumnOf(first)));
                                clean = false;
                            }
                            else
                            {
                                top.Keys[scalar.Value] = scalar.Start;
                            }
                        }
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = new Extent(0, 1);
                        }
                        if (!Completed(frames, new Extent(0, 1), current.Start, ref totalNodes, context))
                        {
                            return null;
                        }
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out Extent? named))
                        {
                            context.Error(alias.Start, Messages.UnknownAlias(alias.Value.Value), Messages.AliasAllowed);
                            return null;
                        }
                        if (named is not { } extent)
                        {
                            context.Error(alias.Start, Messages.AliasInsideItself(alias.Value.Value), Messages.AliasAllowed);
                            return null;
                        }
                        if (frames.Count + extent.Height > YamlLimits.MaxDepth)
                        {
                            context.Error(alias.Start, Messages.NestedTooDeep, Messages.DepthAllowed);
                            return null;
                        }
                        if (!Completed(frames, extent, current.Start, ref totalNodes, context))
                        {
                            return null;
                        }
                        break;
                    case NodeEvent { } start and (MappingStart or SequenceStart):
                        if (frames.Count + 1 > YamlLimits.MaxDepth)
                        {
                            context.Error(start.Start, Messages.NestedTooDeep, Messages.DepthAllowed);
                            return null;
                        }
                        string? anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                        if (anchor is not null)
                        {
                            anchors[anchor] = null;
                        }
                        frames.Push(new Frame(start is MappingStart ? new Dictionary<string, Mark>(StringComparer.Ordinal) : null, anchor, start.Start));
                        break;
                    case MappingEnd or SequenceEnd:
                        Frame done = frames.Pop();
                        var made = new Extent(done.ChildHeight + 1, done.Size);
                        if (done.Anchor is not null)
                        {
                            anchors[done.Anchor] = made;
                        }
                        if (!Completed(frames, made, done.Start, ref totalNodes, context, countSelf: true))
                        {
                            return null;
                        }
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            ReportSyntaxError(e, text, lastGood, context);
            return null;
        }
        catch (Exception e) when (IsScannerFailure(e))
        {
            context.Error(lastGood, Messages.MalformedYamlHere);
            return null;
        }
        return clean;
    }

    /// <summary>
    /// Records a finished node in its parent: the parent's item count, height and size, and the
    /// document's expanded node count. False after reporting a breached limit.
    /// </summary>
    private static bool Completed(Stack<Frame> frames, Extent node, Mark at, ref long totalNodes, ReadContext context, bool countSelf = false)
    {
        // A collection's nodes below it were counted one by one as they finished; only the
        // collection itself is new. A scalar or an alias adds its whole (expanded) size.
        totalNodes += countSelf ? 1 : node.Size;
        if (totalNodes > YamlLimits.MaxExpandedNodes)
        {
            context.Error(at, Messages.TooManyNodes, Messages.NodesAllowed);
            return false;
        }
        if (!frames.TryPeek(out Frame? parent))
        {
            return true;
        }
        parent.Items++;
        parent.ChildHeight = Math.Max(parent.ChildHeight, node.Height);
        parent.Size += node.Size;
        // A mapping's items are its keys and values; a list's are its items.
        long entries = parent.Keys is null ? parent.Items : (parent.Items + 1) / 2;
        if (entries > YamlLimits.MaxCollectionItems)
        {
            context.Error(at, Messages.CollectionTooLong(isList: parent.Keys is null), Messages.CollectionAllowed(isList: parent.Keys is null));
            return false;
        }
        if (parent.Keys is not null)
        {
            parent.ExpectingKey = !parent.ExpectingKey;
        }
        return true;
    }

    /// <summary>
    /// YamlDotNet's scanner throws InvalidOperationException (not YamlException) on some truncated
    /// inputs, such as a flow mapping left open at the end of the file; for the user it is still bad YAML.
    /// </summary>
    private static bool IsScannerFailure(Exception e) =>
        e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException;

    /// <summary>
    /// Reports YamlDotNet's error in the user's terms where its own message or position misleads;
    /// <paramref name="lastGood"/> is the end of the last event it produced before throwing.
    /// </summary>
    private static void ReportSyntaxError(YamlException e, string text, Mark lastGood, ReadContext context)
    {
        Exception innermost = e;
        while (innermost.InnerException is YamlException inner)
        {
            innermost = inner;
        }
        if (TabIndentation.IsAbout(innermost.Message) && TabIndentation.FirstAfter(text, lastGood) is { } tab)
        {
            context.Error(tab, Messages.TabIndentation, Messages.TabIndentationAllowed);
            return;
        }
        if (LongKeys.OnLineOf(text, e.Start) is { } key)
        {
            context.Error(key.Start, Messages.KeyTooLong(key.Length), Messages.KeyLengthAllowed);
            return;
        }
        context.Error(e.Start, Messages.MalformedYaml(innermost.Message));
    }

    /// <summary>How tall a finished node is (nested lists and mappings, itself included) and how many nodes it stands for.</summary>
    private readonly record struct Extent(int Height, long Size);

    private sealed class Frame(Dictionary<string, Mark>? keys, string? anchor, Mark start)
    {
        public Dictionary<string, Mark>? Keys { get; } = keys;

        public string? Anchor { get; } = anchor;

        public Mark Start { get; } = start;

        public bool ExpectingKey { get; set; } = true;

        public long Items { get; set; }

        public int ChildHeight { get; set; }

        /// <summary>The collection itself plus everything below it, aliases expanded.</summary>
        public long Size { get; set; } = 1;
    }
}
