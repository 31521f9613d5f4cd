using Planner.Core.Decision;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Builds a loaded scenario again with its uncertain inputs set to given values, through the same
/// reader and checks as the file itself. Each value is read in place of the number at its input's
/// path (or as the key the path adds), over the document parsed once at load: no text is parsed,
/// and the catalog, traces and profiles loaded with the scenario are reused, so a call does no
/// file I/O. Safe to call from many threads at once.
/// </summary>
/// <remarks>
/// Values are written for the reader as the shortest round-trip text in the invariant culture;
/// where the reader reads an integer (<c>max_replicas</c>, <c>month</c>…) they are first rounded to
/// the nearest whole number, halves away from zero. An input changes the node its path leads to,
/// so a value written once under an anchor and used elsewhere through an alias or a merge key
/// changes everywhere it is used.
/// </remarks>
public sealed class ScenarioVariants : IScenarioVariantFactory
{
    /// <summary>The share of draws below the lowest value checked at load, which the Monte Carlo clamps draws to, of a distribution with tails (a bounded one is checked at its ends).</summary>
    public const double LowQuantile = 0.001;

    /// <summary>The share of draws below the highest value checked at load, which the Monte Carlo clamps draws to, of a distribution with tails.</summary>
    public const double HighQuantile = 0.999;

    private readonly YamlNode _root;
    private readonly IReadOnlyList<InputTarget> _targets;
    private readonly string _displayPath;
    private readonly string _baseDirectory;
    private readonly Catalog _catalog;
    private readonly ScenarioFiles _files;

    internal ScenarioVariants(
        YamlNode root, ScenarioSpec baseSpec, IReadOnlyList<InputTarget> targets, string displayPath, string baseDirectory, Catalog catalog, ScenarioFiles files)
    {
        _root = root;
        Base = baseSpec;
        _targets = targets;
        _displayPath = displayPath;
        _baseDirectory = baseDirectory;
        _catalog = catalog;
        _files = files;
    }

    /// <summary>The scenario as written.</summary>
    public ScenarioSpec Base { get; }

    /// <summary>The uncertain inputs, in the order <see cref="Create"/> takes their values.</summary>
    public IReadOnlyList<UncertainInputSpec> Inputs => Base.Uncertainty.Inputs;

    /// <summary>
    /// The scenario with input i set to <paramref name="values"/>[i]; its <see cref="ScenarioSpec.Uncertainty"/>
    /// is the base's. Throws <see cref="ArgumentException"/> naming the input, its value and the
    /// reader's message when the scenario does not accept a value (or a combination of them).
    /// </summary>
    public ScenarioSpec Create(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != _targets.Count)
        {
            throw new ArgumentException(
                $"expected {_targets.Count} values, one per uncertain input, got {values.Count}", nameof(values));
        }
        var overrides = new ValueOverrides();
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"uncertain input '{_targets[i].Path.Text}' = {Written(i, values[i])}: expected a finite number", nameof(values));
            }
            _targets[i].Apply(overrides, values[i]);
        }
        (ScenarioSpec? spec, IReadOnlyList<Diagnostic> errors) = Read(overrides);
        return spec ?? throw new ArgumentException(Explain(values, errors), nameof(values));
    }

    /// <summary>
    /// Reads the scenario with each input, alone, at the low and high ends of its distribution, and
    /// reports what the reader rejects as an error at the input.
    /// </summary>
    internal void CheckRanges(ReadContext read)
    {
        for (int i = 0; i < _targets.Count; i++)
        {
            InputTarget target = _targets[i];
            DistributionSpec distribution = Inputs[i].Distribution;
            // A bounded distribution is drawn over its whole range, so both of its ends are checked.
            (double low, double high) = distribution.DrawnRange(LowQuantile, HighQuantile);
            foreach ((bool isLow, double value) in (ReadOnlySpan<(bool, double)>)[(true, low), (false, high)])
            {
                if (!isLow && high == low)
                {
                    continue;
                }
                IReadOnlyList<Diagnostic> errors = !double.IsFinite(value) ? [] : Read(Alone(i, value)).Errors;
                foreach (string problem in errors.Select(Problem).Distinct())
                {
                    read.Error(target.At, Messages.InputRangeRejected(target.InputPath, target.Path.Text, isLow, target.Describe(value), problem),
                        Messages.InputRangeHint);
                }
            }
        }
    }

    private (ScenarioSpec? Spec, IReadOnlyList<Diagnostic> Errors) Read(ValueOverrides overrides)
    {
        var bag = new DiagnosticBag();
        var read = new ReadContext(_displayPath, bag) { Overrides = overrides };
        var context = new LoadContext(read, _baseDirectory, _catalog, _files) { IsVariant = true };
        ScenarioSpec? spec = ScenarioReader.Read(_root, context);
        if (spec is null || bag.HasErrors)
        {
            return (null, bag.ToSortedList().Where(d => d.IsError).ToList());
        }
        return (spec with { Uncertainty = Base.Uncertainty }, []);
    }

    private ValueOverrides Alone(int input, double value)
    {
        var overrides = new ValueOverrides();
        _targets[input].Apply(overrides, value);
        return overrides;
    }

    /// <summary>Names the inputs the reader rejects on their own; when none is rejected alone, the combination of all of them.</summary>
    private string Explain(IReadOnlyList<double> values, IReadOnlyList<Diagnostic> errors)
    {
        var culprits = Enumerable.Range(0, values.Count).Where(i => Read(Alone(i, values[i])).Errors.Count > 0).ToList();
        string inputs = string.Join(", ", (culprits.Count > 0 ? culprits : Enumerable.Range(0, values.Count))
            .Select(i => $"'{_targets[i].Path.Text}' = {Written(i, values[i])}"));
        string who = culprits.Count switch
        {
            1 => $"uncertain input {inputs} is",
            > 1 => $"uncertain inputs {inputs} are",
            _ => $"uncertain inputs {inputs} together are",
        };
        return $"{who} not allowed: {string.Join("; ", errors.Select(Problem).Distinct())}";
    }

    private string Written(int input, double value)
    {
        string drawn = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        string read = double.IsFinite(value) ? _targets[input].Format(value) : drawn;
        return read == drawn ? drawn : $"{drawn} (read as {read})";
    }

    private static string Problem(Diagnostic d) => d.Allowed is null ? d.Message : $"{d.Message} ({d.Allowed})";
}
