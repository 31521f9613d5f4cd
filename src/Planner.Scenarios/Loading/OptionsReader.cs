using System.Text.RegularExpressions;
using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>Reads the <c>options</c> list: names, kinds and the costs every kind shares.</summary>
internal static partial class OptionsReader
{
    public const int MinOptions = 2;

    /// <summary>Every option is simulated every month: fifty is a long comparison already.</summary>
    public const int MaxOptions = 50;

    private static readonly string[] Kinds = ["api", "self_hosted", "hybrid"];

    /// <summary>The top-level section of costs every option that runs GPUs carries (self_hosted and hybrid).</summary>
    public const string GpuOptionCostsKey = "gpu_option_costs";

    /// <summary>
    /// The options, or null after errors. <paramref name="names"/> gets the name every option writes,
    /// even when that option (or the whole list, too long to read) fails to load, so that the baseline
    /// and price events are checked against the options the file names: a reference to an option
    /// that failed for another reason is not reported as naming no option.
    /// </summary>
    public static IReadOnlyList<OptionSpec>? Read(MappingReader root, LoadContext context, List<string> names, WorkloadSpec? workload = null)
    {
        (IReadOnlyList<FixedCostSpec>? sharedFixed, IReadOnlyList<OneTimeCostSpec>? sharedOneTime) = ([], []);
        if (root.Mapping(GpuOptionCostsKey) is { } shared)
        {
            sharedFixed = CostReader.ReadFixed(shared, context);
            sharedOneTime = CostReader.ReadOneTime(shared, context);
            shared.Finish();
        }
        if (root.Sequence("options", required: true) is not { } list)
        {
            return null;
        }
        names.AddRange(WrittenNames(list));
        if (list.Children.Count < MinOptions)
        {
            context.Read.Error(root.KeyNode("options")!, Messages.TooFewOptions(list.Children.Count),
                Messages.Allowed("2 or more options: what you pay now and what you might switch to"));
        }
        if (list.Children.Count > MaxOptions)
        {
            context.Read.Error(root.KeyNode("options")!, Messages.TooManyItems("options", list.Children.Count, "options"),
                Messages.Allowed(Messages.AtMost(MaxOptions, "options")));
            return null;
        }

        var options = new List<OptionSpec>();
        var sites = new List<(OptionSpec, YamlNode, string)>();
        var firstByName = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        bool failed = false;
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"options[{i}]";
            if (context.Read.Mapping(list.Children[i], path) is not { } r)
            {
                failed = true;
                continue;
            }
            string? name = ReadName(r, context, firstByName);
            string? kind = r.Word("kind", "option kind", Kinds, required: true);
            IReadOnlyList<FixedCostSpec>? fixedCosts = CostReader.ReadFixed(r, context);
            IReadOnlyList<OneTimeCostSpec>? oneTimeCosts = CostReader.ReadOneTime(r, context);
            OptionSpec? option = kind switch
            {
                "api" => ApiOptionReader.ReadBody(r, name ?? path, context),
                "self_hosted" => SelfHostedOptionReader.ReadBody(r, name ?? path, context),
                "hybrid" => HybridOptionReader.ReadBody(r, name ?? path, context),
                _ => null,
            };
            ModelArchitectureSpec? servedModel = option switch { SelfHostedOptionSpec sh => sh.Model, HybridOptionSpec h => h.Primary.Model, _ => null };
            IReadOnlyList<FineTuningJobSpec>? fineTuning = FineTuningReader.Read(r, name ?? path, servedModel, option is null, context);
            if (kind is not null)
            {
                // Which keys are allowed depends on the kind; without one every key would look unknown.
                r.Finish();
            }
            if (option is null || name is null || fixedCosts is null || oneTimeCosts is null || fineTuning is null)
            {
                failed = true;
                continue;
            }
            if (option is SelfHostedOptionSpec or HybridOptionSpec)
            {
                // The option's own cost of the same name stands in for the shared one.
                fixedCosts = [.. fixedCosts, .. (sharedFixed ?? []).Where(c => !fixedCosts.Any(o => o.Name == c.Name))];
                oneTimeCosts = [.. oneTimeCosts, .. (sharedOneTime ?? []).Where(c => !oneTimeCosts.Any(o => o.Name == c.Name))];
            }
            OptionSpec complete = option with { FixedMonthlyCosts = fixedCosts, OneTimeCosts = oneTimeCosts, FineTuningJobs = fineTuning };
            options.Add(complete);
            sites.Add((complete, list.Children[i], path));
        }
        if (failed || sharedFixed is null || sharedOneTime is null)
        {
            return null;
        }
        GpuOptionCosts.Check(sites, context);
        if (workload is not null)
        {
            ContextWindowCheck.Check(sites, workload, context);
        }
        return options;
    }

    private static string? ReadName(MappingReader r, LoadContext context, Dictionary<string, YamlNode> firstByName)
    {
        if (r.Text("name", required: true) is not { } name)
        {
            return null;
        }
        YamlNode at = r.Get("name")!;
        if (!OptionName().IsMatch(name))
        {
            context.Read.Error(at, Messages.InvalidOptionName(r.PathOf("name"), name), Messages.Allowed(Messages.OptionNamePattern));
            return null;
        }
        if (firstByName.TryGetValue(name, out YamlNode? first))
        {
            context.Read.Error(at, Messages.DuplicateName(r.PathOf("name"), "option name", name),
                Messages.FirstAt(ReadContext.LineOf(first.Start), ReadContext.ColumnOf(first.Start)));
            return null;
        }
        firstByName[name] = at;
        return name;
    }

    /// <summary>
    /// The text of each item's <c>name</c> (merged keys included), valid or not, each once: what the
    /// file calls its options, whether or not they load.
    /// </summary>
    private static IEnumerable<string> WrittenNames(YamlSequenceNode list) =>
        list.Children
            .OfType<YamlMappingNode>()
            .Select(item => MergeKeys.Entries(item).TryGetValue("name", out var entry) && !ReadContext.IsNull(entry.Value)
                && entry.Value is YamlScalarNode { Value: { } name } ? name : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    // A letter or digit first: ".." and "-x" passed, and a name starting with '-' lands in
    // monthly.csv's cells, where a spreadsheet reads it as a formula.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex OptionName();
}
