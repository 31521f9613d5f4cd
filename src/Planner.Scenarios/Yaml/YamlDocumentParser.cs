using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// Turns YAML text into one document's root node, reporting syntax errors, duplicate keys and
/// extra documents as diagnostics instead of exceptions.
/// </summary>
internal static class YamlDocumentParser
{
    /// <summary>The root node, or null when the text is not a single well-formed YAML document.</summary>
    public static YamlNode? Parse(string text, ReadContext context)
    {
        // YamlStream stops at the first duplicate key; a pass over the events finds them all first.
        if (ReportDuplicateKeys(text, context) is not true)
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
            ReportSyntaxError(e, context);
            return null;
        }
        catch (Exception e) when (IsScannerFailure(e))
        {
            context.Error(Mark.Empty, Messages.MalformedYamlHere);
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            context.Error(Mark.Empty, Messages.EmptyDocument);
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            context.Error(stream.Documents[1].RootNode, Messages.MoreThanOneDocument);
            return null;
        }
        YamlNode root = stream.Documents[0].RootNode;
        if (ReadContext.IsNull(root))
        {
            context.Error(root, Messages.EmptyDocument);
            return null;
        }
        return root;
    }

    /// <summary>True when the text parses without duplicate keys; false after reporting them; null after a syntax error.</summary>
    private static bool? ReportDuplicateKeys(string text, ReadContext context)
    {
        var frames = new Stack<Frame>();
        bool clean = true;
        var parser = new Parser(new StringReader(text));
        Mark lastGood = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                lastGood = parser.Current!.End;
                switch (parser.Current)
                {
                    case Scalar scalar:
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
                        NodeCompleted(frames);
                        break;
                    case AnchorAlias:
                        NodeCompleted(frames);
                        break;
                    case MappingStart:
                        frames.Push(new Frame(new Dictionary<string, Mark>(StringComparer.Ordinal)));
                        break;
                    case SequenceStart:
                        frames.Push(new Frame(null));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.Pop();
                        NodeCompleted(frames);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            ReportSyntaxError(e, context);
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
    /// YamlDotNet's scanner throws InvalidOperationException (not YamlException) on some truncated
    /// inputs, such as a flow mapping left open at the end of the file; for the user it is still bad YAML.
    /// </summary>
    private static bool IsScannerFailure(Exception e) =>
        e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException;

    private static void NodeCompleted(Stack<Frame> frames)
    {
        if (frames.TryPeek(out Frame? top) && top.Keys is not null)
        {
            top.ExpectingKey = !top.ExpectingKey;
        }
    }

    private static void ReportSyntaxError(YamlException e, ReadContext context)
    {
        Exception innermost = e;
        while (innermost.InnerException is YamlException inner)
        {
            innermost = inner;
        }
        context.Error(e.Start, Messages.MalformedYaml(innermost.Message));
    }

    private sealed class Frame(Dictionary<string, Mark>? keys)
    {
        public Dictionary<string, Mark>? Keys { get; } = keys;

        public bool ExpectingKey { get; set; } = true;
    }
}
