using System.Globalization;
using System.Text;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Uncertainty;
using Planner.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads a scenario YAML file into an immutable <see cref="ScenarioSpec"/>, resolving catalog ids
/// and traces. Never throws for bad input: every problem becomes a <see cref="Diagnostic"/> with
/// file:line:column, and all of them are collected before returning.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Replicas one deployment of a scenario may have (fixed, or an autoscaler's maximum): the
    /// bound commands that size fleets themselves (<c>optimize</c>, <c>bench-engine</c>) keep to.
    /// </summary>
    public const int MaxReplicas = Plausible.MaxReplicas;

    /// <summary>Loads a scenario file; traces it names are resolved relative to its folder.</summary>
    /// <param name="path">The scenario file, as the user gave it (diagnostics repeat it unchanged).</param>
    /// <param name="catalog">The catalog ids resolve against.</param>
    public static ScenarioLoadResult Load(string path, Catalog catalog)
    {
        InputFileResult file = InputFile.Read(path, YamlLimits.MaxFileBytes);
        if (file.Status != InputFileStatus.Read)
        {
            (string message, string? allowed) = Messages.FileProblem("scenario file", path, file, YamlLimits.MaxFileBytes, Messages.ScenarioFileAllowed);
            return FileProblem(path, message, allowed);
        }
        if (NotUtf8(file.Bytes!) is (int line, int column, byte bad))
        {
            // A binary file's bytes were echoed into the message as replacement characters, hundreds of them.
            var bag = new DiagnosticBag();
            new ReadContext(path, bag).Error(new Mark(0, line, column),
                string.Create(CultureInfo.InvariantCulture, $"scenario file: not UTF-8 text (the bytes from 0x{bad:X2} here, column counted in bytes, are not valid UTF-8)"),
                "allowed: a YAML scenario saved as UTF-8 text, or as UTF-16 or UTF-32 with its byte-order mark");
            return new ScenarioLoadResult(null, bag.ToSortedList());
        }
        string text = file.Text();
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Load(text, path, baseDirectory, catalog);
    }

    /// <summary>
    /// Where <paramref name="bytes"/> stop being UTF-8 (1-based line and column in bytes, and the byte
    /// there); null when they are UTF-8 or a UTF-16 or UTF-32 byte-order mark says they are not meant to be.
    /// </summary>
    internal static (int Line, int Column, byte Byte)? NotUtf8(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return null;
        }
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            int at = Math.Clamp(e.Index, 0, bytes.Length - 1);
            int line = 1, lineStart = 0;
            for (int i = 0; i < at; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            return (line, at - lineStart + 1, bytes[at]);
        }
    }

    /// <summary>Loads scenario text that did not come from a file of its own (tests, editors).</summary>
    /// <param name="yamlText">The scenario as YAML.</param>
    /// <param name="displayPath">The name diagnostics give the text.</param>
    /// <param name="baseDirectory">The folder relative trace paths start from.</param>
    /// <param name="catalog">The catalog ids resolve against.</param>
    public static ScenarioLoadResult Load(string yamlText, string displayPath, string baseDirectory, Catalog catalog)
    {
        var bag = new DiagnosticBag();
        var read = new ReadContext(displayPath, bag) { NumberReads = new NumberReads() };
        ScenarioSpec? scenario = null;
        ScenarioVariants? variants = null;
        if (YamlDocumentParser.Parse(yamlText, read) is { } root)
        {
            var files = new ScenarioFiles();
            var context = new LoadContext(read, baseDirectory, catalog, files);
            scenario = ScenarioReader.Read(root, context);
            if (scenario is not null && !bag.HasErrors && context.InputTargets is { } targets)
            {
                variants = new ScenarioVariants(root, scenario, targets, displayPath, baseDirectory, catalog, files);
                variants.CheckRanges(read);
            }
        }
        bool failed = bag.HasErrors;
        return new ScenarioLoadResult(failed ? null : scenario, bag.ToSortedList()) { Variants = failed ? null : variants };
    }

    private static ScenarioLoadResult FileProblem(string path, string message, string? allowed)
    {
        var bag = new DiagnosticBag();
        new ReadContext(path, bag).Error(Mark.Empty, message, allowed);
        return new ScenarioLoadResult(null, bag.ToSortedList());
    }
}
