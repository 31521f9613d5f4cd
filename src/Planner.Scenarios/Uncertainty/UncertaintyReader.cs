using System.Globalization;
using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Reads the <c>uncertainty</c> section: the default sample count and the inputs given as
/// distributions, each addressed by its path in the scenario. Paths are checked against what the
/// rest of the scenario's readers read as numbers, so the section is read after everything else.
/// </summary>
internal static class UncertaintyReader
{
    public const int MaxSamples = 100_000;

    /// <summary>Uncertain inputs of one scenario.</summary>
    public const int MaxInputs = 50;

    /// <summary>Keys an input may not address, with the reason.</summary>
    private static readonly Dictionary<string, string> FixedSections = new(StringComparer.Ordinal)
    {
        ["uncertainty"] = "the uncertainty section describes the inputs and is not one of them",
        ["horizon_months"] = "every sample shares the projection's timeline",
    };

    /// <summary>Top-level values that change no option's cost, so that a tornado of savings cannot move with them.</summary>
    private static readonly Dictionary<string, string> NoSwing = new(StringComparer.Ordinal)
    {
        ["revenue_per_request_usd"] = "revenue changes the gross margin, not any option's cost",
    };

    /// <summary>The section, or null after errors; <paramref name="targets"/> gets where each input's values go when there were none.</summary>
    public static UncertaintySpec? Read(MappingReader r, YamlNode root, LoadContext context, out IReadOnlyList<InputTarget>? targets)
    {
        targets = null;
        var defaults = new UncertaintySpec();
        int? samples = r.Int("samples", ValueRange.Between(1, MaxSamples));
        bool failed = r.Has("samples") && samples is null;
        var inputs = new List<UncertainInputSpec>();
        var found = new List<InputTarget>();
        if (r.Sequence("inputs", required: true) is { } list)
        {
            if (list.Children.Count == 0)
            {
                context.Read.Error(list, Messages.EmptyList(r.PathOf("inputs")), Messages.InputsAllowed(MaxInputs));
                failed = true;
            }
            if (list.Children.Count > MaxInputs)
            {
                // Each input is simulated at both ends of its range for the tornado.
                context.Read.Error(list, Messages.TooManyItems(r.PathOf("inputs"), list.Children.Count, "uncertain inputs"),
                    Messages.Allowed(Messages.AtMost(MaxInputs, "inputs")));
                targets = null;
                return null;
            }
            for (int i = 0; i < list.Children.Count; i++)
            {
                string itemPath = $"{r.PathOf("inputs")}[{i}]";
                if (context.Read.Mapping(list.Children[i], itemPath) is not { } item)
                {
                    failed = true;
                    continue;
                }
                (UncertainInputSpec? input, InputTarget? target) = ReadInput(item, root, context, found);
                if (input is null || target is null)
                {
                    failed = true;
                    continue;
                }
                target.At = item.Node;
                target.InputPath = itemPath;
                if (target.Path.Steps[0].Key is { } top && NoSwing.TryGetValue(top, out string? why))
                {
                    context.Read.Warning(item.Node, Messages.InputHasNoSwing(itemPath, input.Path, why), Messages.InputHasNoSwingHint);
                }
                inputs.Add(input with { OptionsMoved = InputReach.OptionsMoved(root, target) });
                found.Add(target);
            }
        }
        else
        {
            failed = true;
        }
        r.Finish();
        if (failed)
        {
            return null;
        }
        targets = found;
        return new UncertaintySpec { Inputs = inputs, DefaultSamples = samples ?? defaults.DefaultSamples };
    }

    private static (UncertainInputSpec?, InputTarget?) ReadInput(MappingReader item, YamlNode root, LoadContext context, List<InputTarget> earlier)
    {
        string? written = item.Text("path", required: true);
        string? label = item.Text("label");
        DistributionSpec? distribution = DistributionReader.Read(item, out bool kindKnown);
        if (kindKnown)
        {
            // Without a known kind every parameter would look unknown; the kind's error says enough.
            item.Finish();
        }
        InputTarget? target = written is null ? null : Target(item, written, root, context, earlier);
        if (written is null || target is null || distribution is null)
        {
            return (null, null);
        }
        var input = new UncertainInputSpec
        {
            Path = written,
            Label = string.IsNullOrWhiteSpace(label) ? written : label,
            Distribution = distribution,
            Effect = InputEffectRule.Classify(target.Path.Keys.ToList()),
            Location = string.Create(CultureInfo.InvariantCulture,
                $"{context.Read.File}:{ReadContext.LineOf(item.Node.Start)}:{ReadContext.ColumnOf(item.Node.Start)}"),
        };
        return (input, target);
    }

    private static InputTarget? Target(MappingReader item, string written, YamlNode root, LoadContext context, List<InputTarget> earlier)
    {
        YamlNode at = item.Get("path")!;
        string where = item.PathOf("path");
        if (InputPath.Parse(written) is not { } path)
        {
            context.Read.Error(at, Messages.InvalidInputPath(where, written), Messages.InputPathSyntax);
            return null;
        }
        if (FixedSections.TryGetValue(path.Steps[0].Key!, out string? why))
        {
            context.Read.Error(at, Messages.InputPathFixed(where, written, why), Messages.InputPathFixedHint);
            return null;
        }
        if (context.Read.NumberReads is not { } reads
            || InputPathResolver.Resolve(root, path, reads, context.Read, at, where) is not { } target)
        {
            return null;
        }
        if (earlier.FirstOrDefault(target.SameValueAs) is { } first)
        {
            context.Read.Error(at, Messages.DuplicateInput(where, written, $"{first.InputPath} ('{first.Path.Text}')"),
                Messages.FirstAt(ReadContext.LineOf(first.At.Start), ReadContext.ColumnOf(first.At.Start)));
            return null;
        }
        return target;
    }
}
