using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads an option's <c>fine_tuning</c> list: training runs (one-off or recurring) with their GPUs,
/// price, throughput (given, or derived from a model's parameter count) and failure and checkpoint figures.
/// </summary>
internal static class FineTuningReader
{
    public const int MaxGpus = 100_000;

    /// <param name="option">The option's mapping.</param>
    /// <param name="optionName">Names an inline price in stale-price warnings.</param>
    /// <param name="optionModel">The model the option serves (self-hosted or hybrid), the default for a derived throughput; null for an API option or when it failed to load.</param>
    /// <param name="optionFailed">True when the option's body failed: a missing model is then not reported again.</param>
    /// <param name="context">The scenario being read.</param>
    public static IReadOnlyList<FineTuningJobSpec>? Read(
        MappingReader option, string optionName, ModelArchitectureSpec? optionModel, bool optionFailed, LoadContext context)
    {
        int lastMonth = context.HorizonMonths ?? ScenarioReader.MaxHorizonMonths;
        return CostReader.ReadList(option, "fine_tuning", context, r => ReadJob(r, optionName, optionModel, optionFailed, lastMonth, context));
    }

    private static FineTuningJobSpec? ReadJob(
        MappingReader r, string optionName, ModelArchitectureSpec? optionModel, bool optionFailed, int lastMonth, LoadContext context)
    {
        string? name = r.Text("name", required: true);
        double? tokens = r.Double("dataset_tokens", Plausible.DatasetTokens, required: true);
        double? epochs = r.Double("epochs", Plausible.Epochs);
        int? gpus = r.Int("gpus", ValueRange.Between(1, MaxGpus));
        GpuSpec? gpu = r.Get("gpu", required: true) is { } gpuNode
            ? SelfHostedOptionReader.ReadGpu(gpuNode, r.PathOf("gpu"), gpus ?? 1, context)
            : null;

        bool hasPrice = r.Has("price_per_gpu_hour_usd");
        bool hasPricing = r.Has("pricing");
        double? price = r.Double("price_per_gpu_hour_usd", Plausible.GpuHourUsd);
        int gpusPerInstance = 1;
        if (hasPricing && r.Mapping("pricing") is { } pricingReader)
        {
            GpuPricingSpec? pricing = SelfHostedOptionReader.ReadPricing(pricingReader, optionName, gpu?.Id, context);
            price = pricing?.PricePerGpuHourUsd;
            gpusPerInstance = pricing?.GpusPerInstance ?? 1;
        }
        bool priceFailed = price is null;
        if (hasPrice && hasPricing)
        {
            context.Read.Error(r.KeyNode("pricing")!, Messages.ExclusiveKeys(r.Path, "price_per_gpu_hour_usd", "pricing"), Messages.FineTuningPriceAllowed);
            priceFailed = true;
        }
        else if (!hasPrice && !hasPricing)
        {
            context.Read.Error(r.Node, Messages.OneOfKeysRequired(r.Path, "price_per_gpu_hour_usd", "pricing"), Messages.FineTuningPriceAllowed);
        }

        double? tokensPerSecond = r.Double("tokens_per_second", Plausible.TrainingTokensPerSecond);
        double? efficiency = r.Double("efficiency", ValueRange.PositiveFraction);
        bool hasModel = r.Has("model");
        ModelArchitectureSpec? model = r.Get("model") is { } modelNode
            ? SelfHostedOptionReader.ReadModel(modelNode, r.PathOf("model"), context)
            : optionModel;
        bool throughputFailed = (hasModel && model is null) || (r.Has("tokens_per_second") && tokensPerSecond is null)
                                || (r.Has("efficiency") && efficiency is null);
        foreach (string derivedOnly in (string[])["model", "efficiency"])
        {
            if (r.Has("tokens_per_second") && r.Has(derivedOnly))
            {
                context.Read.Error(r.KeyNode(derivedOnly)!, Messages.ExclusiveKeys(r.Path, "tokens_per_second", derivedOnly), Messages.FineTuningThroughputHint);
                throughputFailed = true;
            }
        }
        if (!r.Has("tokens_per_second") && !hasModel && model is null && !optionFailed)
        {
            context.Read.Error(r.Node, Messages.FineTuningNeedsThroughput(r.Path), Messages.FineTuningThroughputHint);
            throughputFailed = true;
        }

        double? failures = r.Double("failure_rate_per_gpu_hour", Plausible.FailuresPerGpuHour, required: true);
        double? intervalMinutes = r.Double("checkpoint_interval_min", Plausible.CheckpointIntervalMinutes, required: true);
        double? write = r.Double("checkpoint_write_s", Plausible.DelaySeconds, required: true);
        double? restart = r.Double("restart_overhead_s", Plausible.DelaySeconds);
        int? month = r.Int("month", ValueRange.Between(1, lastMonth));
        int? every = r.Int("every_months", ValueRange.Between(1, lastMonth));
        bool optionalFailed = (r.Has("epochs") && epochs is null) || (r.Has("gpus") && gpus is null)
                              || (r.Has("restart_overhead_s") && restart is null) || (r.Has("month") && month is null)
                              || (r.Has("every_months") && every is null);

        if (name is null || tokens is null || gpu is null || priceFailed || throughputFailed || (model is null && tokensPerSecond is null)
            || failures is null || intervalMinutes is null || write is null || optionalFailed)
        {
            return null;
        }
        var job = new FineTuningJobSpec
        {
            Name = name,
            DatasetTokens = tokens.Value,
            Gpu = gpu,
            PricePerGpuHourUsd = price!.Value,
            GpusPerInstance = gpusPerInstance,
            TokensPerSecond = tokensPerSecond,
            ModelActiveParamsBillion = tokensPerSecond is null ? model?.ActiveParamsBillion : null,
            FailuresPerGpuHour = failures.Value,
            CheckpointIntervalSeconds = intervalMinutes.Value * 60,
            CheckpointWriteSeconds = write.Value,
            EveryMonths = every,
        };
        return job with
        {
            Epochs = epochs ?? job.Epochs,
            GpuCount = gpus ?? job.GpuCount,
            Efficiency = efficiency ?? job.Efficiency,
            RestartOverheadSeconds = restart ?? job.RestartOverheadSeconds,
            Month = month ?? job.Month,
        };
    }
}
