using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads the body of an option of kind <c>hybrid</c>: a self-hosted part and an API part, each
/// written with the keys of its own kind, and the rules that send traffic from one to the other.
/// </summary>
internal static class HybridOptionReader
{
    public const string SelfHostedKey = "self_hosted";
    public const string ApiKey = "api";

    private static readonly KeyValuePair<string, HybridOutageFailover>[] Failovers =
        [new("self_hosted", HybridOutageFailover.SelfHosted), new("queue", HybridOutageFailover.Queue)];

    /// <summary>Keys of an option as a whole, which a part of a hybrid does not take.</summary>
    private static readonly string[] OptionLevelKeys = ["name", "kind", "fixed_costs", "one_time_costs"];

    /// <summary>The spec without the option-level costs (the caller adds them), or null after errors.</summary>
    public static HybridOptionSpec? ReadBody(MappingReader r, string name, LoadContext context)
    {
        SelfHostedOptionSpec? primary = null;
        if (r.Mapping(SelfHostedKey, required: true) is { } selfHosted)
        {
            primary = SelfHostedOptionReader.ReadBody(selfHosted, $"{name}/{SelfHostedKey}", context);
            FinishPart(selfHosted, SelfHostedKey, context);
        }
        ApiOptionSpec? overflow = null;
        if (r.Mapping(ApiKey, required: true) is { } api)
        {
            overflow = ApiOptionReader.ReadBody(api, $"{name}/{ApiKey}", context);
            FinishPart(api, ApiKey, context);
        }
        double? overflowWait = r.Double("overflow_queue_wait_s", Plausible.DelaySeconds, required: true);
        double? complianceShare = r.Double("compliance_share", ValueRange.Fraction);
        HybridOutageFailover? failover = r.Choice("outage_failover", "outage failover", Failovers);

        if (primary is null || overflow is null || overflowWait is null)
        {
            return null;
        }
        var spec = new HybridOptionSpec
        {
            Name = name,
            Primary = primary,
            Overflow = overflow,
            OverflowQueueWaitSeconds = overflowWait.Value,
        };
        return spec with
        {
            ComplianceShare = complianceShare ?? spec.ComplianceShare,
            OutageFailover = failover ?? spec.OutageFailover,
        };
    }

    /// <summary>Option-level keys inside a part get a message saying where they belong; other strays are unknown keys.</summary>
    private static void FinishPart(MappingReader part, string partKey, LoadContext context)
    {
        foreach (string key in OptionLevelKeys)
        {
            if (part.Claim(key) is { } keyNode)
            {
                string optionPath = part.Path.EndsWith("." + partKey, StringComparison.Ordinal) ? part.Path[..^(partKey.Length + 1)] : part.Path;
                context.Read.Error(keyNode, Messages.KeyBelongsToHybrid(part.PathOf(key), key, partKey), Messages.KeyBelongsToHybridAllowed(key, optionPath));
            }
        }
        part.Finish();
    }
}
