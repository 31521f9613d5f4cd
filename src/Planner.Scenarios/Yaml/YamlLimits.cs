using System.Globalization;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// The bounds every YAML file Planner reads (scenarios, performance profiles, catalog files) must
/// keep, checked while the text is streamed and before any node tree is built, so that no input
/// can exhaust the stack, the memory or the user's patience. Documented in scenarios/README.md
/// ("Limits"); the largest bundled file uses a hundredth of each.
/// </summary>
public static class YamlLimits
{
    /// <summary>Bytes one YAML file may hold: 1 MiB, fifty times the largest bundled scenario.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Lists and mappings nested in one another, counting those an alias brings in: a scenario
    /// needs about 7, and the readers (and YamlDotNet's tree) recurse once per level.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>Characters of one scalar (a key or a value): a long description fits, a runaway one does not.</summary>
    public const int MaxScalarLength = 10_000;

    /// <summary>
    /// Characters of a key written before its <c>:</c> (an implicit key, quoted or not), up to the
    /// <c>:</c>: YAML's own limit, not Planner's, which YamlDotNet enforces by no longer reading the
    /// text as a key. Planner's keys are short names.
    /// </summary>
    public const int MaxPlainKeyLength = 1024;

    /// <summary>Items of one list, or keys of one mapping.</summary>
    public const int MaxCollectionItems = 10_000;

    /// <summary>
    /// Nodes of a document when every alias is counted as a copy of what it names, so that a
    /// few lines of aliases of aliases (a "billion laughs") cannot stand for billions of nodes.
    /// </summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>"1 MiB" for messages.</summary>
    public static string DescribeBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB",
        >= 1024 when bytes % 1024 == 0 => (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString("#,##0", CultureInfo.InvariantCulture) + " bytes",
    };
}
