namespace Planner.Reports.Json;

/// <summary>One request class: its share of requests, its token counts as written, and the share of each prompt that is a cached prefix.</summary>
public sealed record RequestClassSection(string Name, double Share, TokenDistributionSection InputTokens, TokenDistributionSection OutputTokens, double CachedPrefixFraction);
