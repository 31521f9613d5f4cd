using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads the <c>price_events</c> list: step changes and yearly trends of API token prices or GPU-hour
/// prices from a month on, and reserved GPU commitments, each naming the options it applies to.
/// </summary>
internal static class PriceEventReader
{
    private static readonly KeyValuePair<string, PriceEventTarget>[] Targets =
    [
        new("api_prices", PriceEventTarget.ApiPrices), new("gpu_prices", PriceEventTarget.GpuPrices),
        new("reserved_commitment", PriceEventTarget.ReservedCommitment),
    ];

    /// <summary>Every key an event may have, claimed when its target is unknown so they are not reported as unknown too.</summary>
    private static readonly string[] EventKeys = ["options", "change", "change_per_year", "gpus", "price_per_gpu_hour_usd", "term_months"];

    /// <param name="root">The scenario's top-level mapping.</param>
    /// <param name="context">The scenario being read.</param>
    /// <param name="options">The options, or null when they failed to load (kinds are then not checked).</param>
    /// <param name="optionNames">The name every option writes, even one that failed to load.</param>
    public static IReadOnlyList<PriceEventSpec>? Read(MappingReader root, LoadContext context, IReadOnlyList<OptionSpec>? options, IReadOnlyList<string> optionNames)
    {
        int lastMonth = context.HorizonMonths ?? ScenarioReader.MaxHorizonMonths;
        Dictionary<string, string>? kinds = options?.ToDictionary(o => o.Name, KindOf, StringComparer.Ordinal);
        var firstByName = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        return CostReader.ReadList(root, "price_events", context, r => ReadEvent(r, lastMonth, kinds, optionNames, firstByName));
    }

    private static PriceEventSpec? ReadEvent(
        MappingReader r, int lastMonth, Dictionary<string, string>? kinds, IReadOnlyList<string> optionNames, Dictionary<string, YamlNode> firstByName)
    {
        string? name = r.Text("name", required: true);
        if (name is not null && !Unique(r, name, firstByName))
        {
            name = null;
        }
        int? month = r.Int("month", ValueRange.Between(1, lastMonth), required: true);
        PriceEventTarget? target = r.Choice("target", "price event target", Targets, required: true);
        if (target is null)
        {
            foreach (string key in EventKeys)
            {
                r.Claim(key);
            }
            return null;
        }
        IReadOnlyList<string>? applied = ReadOptions(r, target.Value, kinds, optionNames);
        double? change = null;
        double? perYear = null;
        ReservedCommitmentSpec? reservation = null;
        bool bodyFailed;
        if (target == PriceEventTarget.ReservedCommitment)
        {
            int? gpus = r.Int("gpus", ValueRange.Between(1, Plausible.MaxReservedGpus), required: true);
            double? price = r.Double("price_per_gpu_hour_usd", Plausible.GpuHourUsd, required: true);
            int? term = r.Int("term_months", ValueRange.Between(1, Plausible.MaxTermMonths));
            bodyFailed = gpus is null || price is null || (r.Has("term_months") && term is null);
            if (!bodyFailed)
            {
                reservation = new ReservedCommitmentSpec { Gpus = gpus!.Value, PricePerGpuHourUsd = price!.Value, TermMonths = term };
            }
        }
        else
        {
            bool hasChange = r.Has("change");
            bool hasPerYear = r.Has("change_per_year");
            change = r.Double("change", Plausible.PriceChange);
            perYear = r.Double("change_per_year", Plausible.PriceChangePerYear);
            bodyFailed = (hasChange && change is null) || (hasPerYear && perYear is null);
            if (hasChange && hasPerYear)
            {
                r.Context.Error(r.KeyNode("change_per_year")!, Messages.ExclusiveKeys(r.Path, "change", "change_per_year"), Messages.PriceChangeAllowed);
                bodyFailed = true;
            }
            else if (!hasChange && !hasPerYear)
            {
                r.Context.Error(r.Node, Messages.OneOfKeysRequired(r.Path, "change", "change_per_year"), Messages.PriceChangeAllowed);
                bodyFailed = true;
            }
        }
        if (name is null || month is null || applied is null || bodyFailed)
        {
            return null;
        }
        return new PriceEventSpec
        {
            Name = name,
            Target = target.Value,
            Month = month.Value,
            Options = applied,
            Change = change,
            ChangePerYear = perYear,
            Reservation = reservation,
        };
    }

    /// <summary>
    /// The options named (empty: every option the target applies to), each an existing option of a
    /// kind the target applies to; a reservation names exactly one. Null after errors.
    /// </summary>
    private static IReadOnlyList<string>? ReadOptions(
        MappingReader r, PriceEventTarget target, Dictionary<string, string>? kinds, IReadOnlyList<string> optionNames)
    {
        string[] allowedKinds = KindsOf(target);
        string kindsText = string.Join(" or ", allowedKinds);
        List<string>? applicable = kinds?.Where(k => allowedKinds.Contains(k.Value)).Select(k => k.Key).ToList();
        string targetName = Targets.First(t => t.Value == target).Key;
        bool reservation = target == PriceEventTarget.ReservedCommitment;
        if (r.Sequence("options", required: reservation) is not { } list)
        {
            if (r.Has("options") || reservation)
            {
                return null;
            }
            if (applicable is { Count: 0 })
            {
                IEnumerable<string> present = kinds!.Values.Distinct();
                r.Context.Error(r.Get("target")!, Messages.PriceEventNoOptions(r.Path, targetName, kindsText),
                    Messages.TargetsForOptions(Targets.Where(t => KindsOf(t.Value).Intersect(present).Any()).Select(t => t.Key)));
                return null;
            }
            return [];
        }
        if (reservation && list.Children.Count != 1)
        {
            r.Context.Error(list, Messages.ReservationNeedsOneOption(r.PathOf("options"), list.Children.Count),
                Messages.OptionsOfKinds(kindsText, applicable ?? []));
            return null;
        }
        var names = new List<string>();
        var firstByName = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        bool failed = false;
        for (int i = 0; i < list.Children.Count; i++)
        {
            YamlNode node = list.Children[i];
            string path = $"{r.PathOf("options")}[{i}]";
            if (r.Context.Text(node, path) is not { } name)
            {
                failed = true;
                continue;
            }
            if (!optionNames.Contains(name))
            {
                r.Context.Error(node, Messages.UnknownOptionName(path, name),
                    Suggestions.Hint(name, applicable ?? optionNames.ToList()) ?? Messages.OptionsOfKinds(kindsText, applicable ?? []));
                failed = true;
                continue;
            }
            if (kinds is not null && kinds.TryGetValue(name, out string? kind) && !allowedKinds.Contains(kind))
            {
                r.Context.Error(node, Messages.PriceEventWrongKind(path, name, kind, targetName, kindsText),
                    Messages.OptionsOfKinds(kindsText, applicable ?? []));
                failed = true;
                continue;
            }
            if (!Unique(r.Context, node, path, "option", name, firstByName))
            {
                failed = true;
                continue;
            }
            names.Add(name);
        }
        return failed ? null : names;
    }

    private static bool Unique(MappingReader r, string name, Dictionary<string, YamlNode> firstByName) =>
        Unique(r.Context, r.Get("name")!, r.PathOf("name"), "price event name", name, firstByName);

    private static bool Unique(ReadContext read, YamlNode at, string path, string what, string name, Dictionary<string, YamlNode> firstByName)
    {
        if (firstByName.TryGetValue(name, out YamlNode? first))
        {
            read.Error(at, Messages.DuplicateName(path, what, name),
                Messages.FirstAt(ReadContext.LineOf(first.Start), ReadContext.ColumnOf(first.Start)));
            return false;
        }
        firstByName[name] = at;
        return true;
    }

    /// <summary>The kinds of option a target applies to.</summary>
    private static string[] KindsOf(PriceEventTarget target) => target == PriceEventTarget.ApiPrices ? ["api", "hybrid"] : ["self_hosted", "hybrid"];

    private static string KindOf(OptionSpec option) => option switch
    {
        ApiOptionSpec => "api",
        HybridOptionSpec => "hybrid",
        _ => "self_hosted",
    };
}
