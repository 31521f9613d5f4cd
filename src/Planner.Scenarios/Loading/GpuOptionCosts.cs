using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Warns when the options that run GPUs (self-hosted and hybrid) carry different fixed or one-time
/// costs: staff and a migration given to the self-hosted option but forgotten on the hybrid make the
/// hybrid look far cheaper than it is. An option is flagged when it carries fewer fixed (or one-time)
/// costs than another GPU option; the costs named are those the others have under names it lacks.
/// Costs given once in <c>gpu_option_costs</c> are on every such option already.
/// Lists of the same length are taken as counterparts (a BF16 option's "evaluation and migration"
/// beside an FP8 option's "evaluation, quantization and migration").
/// </summary>
internal static class GpuOptionCosts
{
    /// <param name="options">Every option read, with its item in the list and that item's path.</param>
    /// <param name="context">The scenario being read; the warnings go to its diagnostics.</param>
    public static void Check(IReadOnlyList<(OptionSpec Option, YamlNode Node, string Path)> options, LoadContext context)
    {
        var gpu = options.Where(o => o.Option is SelfHostedOptionSpec or HybridOptionSpec).ToList();
        if (gpu.Count < 2)
        {
            return;
        }
        foreach ((OptionSpec option, YamlNode node, string path) in gpu)
        {
            var others = gpu.Where(o => !ReferenceEquals(o.Option, option)).Select(o => o.Option).ToList();
            List<string> fixedMissing = Missing(others, option, o => [.. o.FixedMonthlyCosts.Select(c => c.Name)]);
            List<string> oneTimeMissing = Missing(others, option, o => [.. o.OneTimeCosts.Select(c => c.Name)]);
            if (fixedMissing.Count == 0 && oneTimeMissing.Count == 0)
            {
                continue;
            }
            var holders = others
                .Where(o => (fixedMissing.Count > 0 && o.FixedMonthlyCosts.Count > option.FixedMonthlyCosts.Count)
                            || (oneTimeMissing.Count > 0 && o.OneTimeCosts.Count > option.OneTimeCosts.Count))
                .Select(o => o.Name)
                .ToList();
            context.Read.Warning(node, Messages.GpuOptionCostsDiffer(path, option.Name, fixedMissing, oneTimeMissing, holders), Messages.GpuOptionCostsHint);
        }
    }

    /// <summary>
    /// The names that the options with more costs than this one have and it has not, in the order
    /// first met; empty when no other option has more.
    /// </summary>
    private static List<string> Missing(IEnumerable<OptionSpec> others, OptionSpec option, Func<OptionSpec, IReadOnlyCollection<string>> names)
    {
        IReadOnlyCollection<string> own = names(option);
        return others
            .Where(o => names(o).Count > own.Count)
            .SelectMany(names)
            .Where(n => !own.Contains(n, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
