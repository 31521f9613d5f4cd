using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Traces;
using Planner.Scenarios.Uncertainty;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>State shared by the readers of one scenario: where it lives, its catalog, provenance collected so far.</summary>
internal sealed class LoadContext(ReadContext read, string baseDirectory, Catalog catalog, ScenarioFiles files)
{
    /// <summary>At most this many malformed trace rows are listed one by one.</summary>
    public const int MaxTraceProblemsListed = 10;

    /// <summary>A price older than this many whole months at the scenario's start draws a warning.</summary>
    public const int StaleAfterMonths = 12;

    public ReadContext Read { get; } = read;

    public string BaseDirectory { get; } = baseDirectory;

    public Catalog Catalog { get; } = catalog;

    /// <summary>Traces and profiles read so far, shared with the scenario's variants.</summary>
    public ScenarioFiles Files { get; } = files;

    /// <summary>
    /// True while reading a variant of a loaded scenario: the <c>uncertainty</c> section is the base's
    /// and is not read again.
    /// </summary>
    public bool IsVariant { get; init; }

    /// <summary>What the <c>uncertainty</c> section's inputs address, in input order; set when it was read without errors.</summary>
    public IReadOnlyList<InputTarget>? InputTargets { get; set; }

    /// <summary>Null until read (or when start_month is invalid, which turns staleness checks off).</summary>
    public DateOnly? StartMonth { get; set; }

    /// <summary>Null until read (or when horizon_months is invalid).</summary>
    public int? HorizonMonths { get; set; }

    public List<SourcedInput> Sources { get; } = [];

    /// <summary>Looks an id up in a catalog dictionary, reporting an unknown id with the close ones.</summary>
    public T? Lookup<T>(IReadOnlyDictionary<string, T> entries, YamlNode at, string path, string what, string id, string file)
        where T : class
    {
        Read.Schema?.CatalogIds(path, entries.Keys);
        if (entries.TryGetValue(id, out T? entry))
        {
            return entry;
        }
        Read.Error(at, $"{path}: {Messages.UnknownCatalogId(what, id)}",
            entries.Count == 0
                ? Messages.NoCatalogEntries(file)
                : Suggestions.Hint(id, entries.Keys.ToList(), Messages.SeeCatalogFile(file)));
        return null;
    }

    /// <summary>
    /// Whole months from <paramref name="asOf"/> to the first day of the scenario; warns at
    /// <paramref name="at"/> and returns true when that is more than <see cref="StaleAfterMonths"/>.
    /// </summary>
    public bool CheckStale(YamlNode at, string priceName, DateOnly? asOf)
    {
        if (asOf is not { } date || StartMonth is not { } start)
        {
            return false;
        }
        int months = (start.Year - date.Year) * 12 + start.Month - date.Month - (start.Day < date.Day ? 1 : 0);
        if (months <= StaleAfterMonths)
        {
            return false;
        }
        Read.Warning(at, Messages.StalePrice(priceName, date, months), Messages.StaleHint);
        return true;
    }

    /// <summary>
    /// The full path of a file named relative to the scenario, or null after reporting a path the
    /// operating system cannot take (a NUL or other control character would otherwise surface as
    /// an exception from the path functions).
    /// </summary>
    public string? Resolve(YamlNode at, string path, string written)
    {
        if (InputFile.FirstControlCharacter(written) is int index)
        {
            Read.Error(at, Messages.PathControlCharacter(path, InputFile.DescribeCharacter(written[index]), index), Messages.PathAllowed);
            return null;
        }
        return Path.GetFullPath(Path.Combine(BaseDirectory, written));
    }

    /// <summary>Reads a trace named relative to the scenario file, reporting every problem at <paramref name="at"/>.</summary>
    public AzureTrace? Trace(YamlNode at, string path, string written)
    {
        if (Resolve(at, path, written) is not { } resolved)
        {
            return null;
        }
        TraceReadResult result = Files.Trace(resolved);
        if (result.File.Status != InputFileStatus.Read)
        {
            (string message, string? allowed) = Messages.ReferencedFileProblem(path, "trace file", written, resolved, result.File, AzureTraceReader.MaxFileBytes);
            Read.Error(at, message, allowed);
            return null;
        }
        foreach (TraceProblem problem in result.Problems.Take(MaxTraceProblemsListed))
        {
            Read.Error(at, Messages.TraceProblem(path, written, problem.Row, problem.Column, problem.Message));
        }
        if (result.ProblemCount > MaxTraceProblemsListed)
        {
            Read.Error(at, Messages.TraceMoreProblems(path, written, result.ProblemCount - MaxTraceProblemsListed), Messages.TraceRowsAllowed, result.ProblemCount - MaxTraceProblemsListed);
        }
        if (result.Trace is { Count: 0 })
        {
            Read.Error(at, Messages.TraceEmpty(path, written), Messages.TraceEmptyAllowed);
            return null;
        }
        return result.Trace;
    }
}
