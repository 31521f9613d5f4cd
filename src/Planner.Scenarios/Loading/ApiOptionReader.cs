using System.Globalization;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads the body of a model API deployment (an option of kind <c>api</c>, or the <c>api</c> part of
/// a hybrid): token prices (from the catalog, overridable), limits, latency, outages.
/// </summary>
internal static class ApiOptionReader
{
    /// <summary>
    /// The spec without the option-level costs (the caller adds them), or null after errors. Keys
    /// are asked for, not finished: the caller reports unknown keys once it knows every key it reads.
    /// </summary>
    public static ApiOptionSpec? ReadBody(MappingReader r, string name, LoadContext context)
    {
        ApiModelCatalogEntry? entry = null;
        bool catalogFailed = r.Has("catalog");
        if (r.Text("catalog") is { } id)
        {
            entry = context.Lookup(context.Catalog.ApiModels, r.Get("catalog")!, r.PathOf("catalog"), "api model", id, CatalogLoader.ApiPricesFile);
            catalogFailed = entry is null;
        }

        // Without a catalog entry the prices are required; after a failed lookup they are not, to avoid piling errors.
        bool pricesRequired = entry is null && !catalogFailed;
        string? model = r.Text("model") ?? entry?.Model ?? name;
        double? input = r.Double("input_per_million_usd", Plausible.PerMillionTokensUsd, pricesRequired);
        double? output = r.Double("output_per_million_usd", Plausible.PerMillionTokensUsd, pricesRequired);
        double? cached = r.Double("cached_input_per_million_usd", Plausible.PerMillionTokensUsd);
        bool inputFromScenario = input is not null;
        bool outputFromScenario = output is not null;
        bool cachedFromScenario = cached is not null;
        input ??= entry?.InputPerMillionUsd;
        output ??= entry?.OutputPerMillionUsd;
        cached ??= entry?.CachedInputPerMillionUsd ?? input;

        double? batchShare = r.Double("batch_share", ValueRange.Fraction);
        double? batchDiscount = r.Double("batch_discount", ValueRange.FractionBelowOne);
        RateLimitSpec rateLimits = r.Mapping("rate_limits") is { } limits ? ReadRateLimits(limits) : new RateLimitSpec();
        ApiLatencySpec? latency = r.Mapping("latency", required: true) is { } latencyReader ? ReadLatency(latencyReader) : null;
        double? availability = r.Double("availability", ValueRange.PositiveFraction);
        double? outage = r.Double("mean_outage_minutes", Plausible.OutageMinutes);
        int? contextWindow = r.Int("context_window_tokens", ValueRange.Between(1, 100_000_000));

        // A cached price that defaulted to the input price carries the input price's provenance.
        bool cachedFromCatalog = !cachedFromScenario && (entry?.CachedInputPerMillionUsd is not null || !inputFromScenario);
        bool stale = entry is not null && (!inputFromScenario || !outputFromScenario || cachedFromCatalog)
            && context.CheckStale(r.Get("catalog")!, entry.Id, entry.AsOf);
        if (input is not null && output is not null && cached is not null)
        {
            AddPrice(context, r.PathOf("input_per_million_usd"), input.Value, "input", inputFromScenario ? null : entry, stale);
            AddPrice(context, r.PathOf("output_per_million_usd"), output.Value, "output", outputFromScenario ? null : entry, stale);
            AddPrice(context, r.PathOf("cached_input_per_million_usd"), cached.Value, "cached input", cachedFromCatalog ? entry : null, stale);
        }

        if (model is null || input is null || output is null || cached is null || latency is null)
        {
            return null;
        }
        var spec = new ApiOptionSpec
        {
            Name = name,
            Model = model,
            PricePerMillionInputTokensUsd = input.Value,
            PricePerMillionOutputTokensUsd = output.Value,
            PricePerMillionCachedInputTokensUsd = cached.Value,
            RateLimits = rateLimits,
            Latency = latency,
        };
        return spec with
        {
            BatchShare = batchShare ?? spec.BatchShare,
            BatchDiscount = batchDiscount ?? entry?.BatchDiscount ?? spec.BatchDiscount,
            Availability = availability ?? spec.Availability,
            MeanOutageMinutes = outage ?? spec.MeanOutageMinutes,
            ContextWindowTokens = contextWindow ?? entry?.ContextWindowTokens,
        };
    }

    private static void AddPrice(LoadContext context, string path, double value, string what, ApiModelCatalogEntry? entry, bool stale) =>
        context.Sources.Add(new SourcedInput
        {
            Path = path,
            Value = string.Create(CultureInfo.InvariantCulture, $"{Provenance.Usd(value)} USD per 1M {what} tokens"),
            Source = entry is null ? Provenance.Scenario : $"{entry.Id}: {entry.Source}",
            AsOf = entry?.AsOf,
            IsStale = entry is not null && stale,
        });

    private static RateLimitSpec ReadRateLimits(MappingReader r)
    {
        var defaults = new RateLimitSpec();
        double? rpm = r.Double("rpm", Plausible.PerMinuteLimit);
        double? tpm = r.Double("tpm", Plausible.PerMinuteLimit);
        double? initial = r.Double("initial_backoff_s", Plausible.InitialBackoffSeconds);
        double? multiplier = r.Double("backoff_multiplier", Plausible.BackoffMultiplier);
        double? maxWait = r.Double("max_wait_s", Plausible.MaxWaitSeconds);
        r.Finish();
        return new RateLimitSpec
        {
            RequestsPerMinute = rpm,
            TokensPerMinute = tpm,
            InitialBackoffSeconds = initial ?? defaults.InitialBackoffSeconds,
            BackoffMultiplier = multiplier ?? defaults.BackoffMultiplier,
            MaxWaitSeconds = maxWait ?? defaults.MaxWaitSeconds,
        };
    }

    private static ApiLatencySpec? ReadLatency(MappingReader r)
    {
        double? median = r.Double("ttft_median_ms", Plausible.ApiTtftMs, required: true);
        double? p95 = r.Double("ttft_p95_ms", Plausible.ApiTtftMs, required: true);
        double? rate = r.Double("output_tokens_per_s", Plausible.TokensPerSecond, required: true);
        r.Finish();
        if (median is not null && p95 is not null && p95 <= median)
        {
            r.Context.Error(r.Get("ttft_p95_ms")!, Messages.MustExceed(r.Path, "ttft_p95_ms", p95.Value, "ttft_median_ms", median.Value),
                Messages.MustExceedAllowed("ttft_p95_ms", "ttft_median_ms", median.Value));
            return null;
        }
        return median is null || p95 is null || rate is null
            ? null
            : new ApiLatencySpec { TtftMedianMs = median.Value, TtftP95Ms = p95.Value, OutputTokensPerSecond = rate.Value };
    }
}
