using Planner.Core.Specs;
using Planner.Scenarios.Uncertainty;

namespace Planner.Scenarios.Tests.Uncertainty;

/// <summary>What an uncertain input changes, decided from its path.</summary>
public sealed class InputEffectRuleTests
{
    [Theory]
    [InlineData("options[llama-8b-l4].pricing.per_gpu_hour_usd", InputEffect.Cost)]
    [InlineData("options[hybrid].self_hosted.pricing.per_gpu_hour_usd", InputEffect.Cost)]
    [InlineData("options[llama-8b-l4].spot.price.per_gpu_hour_usd", InputEffect.Cost)]
    [InlineData("options[api-gpt-4.1-mini].output_per_million_usd", InputEffect.Cost)]
    [InlineData("options[api-gpt-4.1-mini].input_per_million_usd", InputEffect.Cost)]
    [InlineData("options[api].cached_input_per_million_usd", InputEffect.Cost)]
    [InlineData("options[api].batch_discount", InputEffect.Cost)]
    [InlineData("options[hybrid].api.output_per_million_usd", InputEffect.Cost)]
    [InlineData("options[api].fixed_costs[platform engineer].loaded_salary_per_year_usd", InputEffect.Cost)]
    [InlineData("options[api].fixed_costs[0].ftes", InputEffect.Cost)]
    [InlineData("options[api].one_time_costs[migration].amount_usd", InputEffect.Cost)]
    [InlineData("options[self].fine_tuning[refresh].price_per_gpu_hour_usd", InputEffect.Cost)]
    [InlineData("options[self].fine_tuning[refresh].pricing.per_gpu_hour_usd", InputEffect.Cost)]
    [InlineData("revenue_per_request_usd", InputEffect.Cost)]
    [InlineData("finance.discount_rate_per_year", InputEffect.Cost)]
    [InlineData("price_events[API price cut].change", InputEffect.Cost)]
    [InlineData("price_events[0].month", InputEffect.Cost)]
    [InlineData("workload.volume.requests_per_day", InputEffect.Load)]
    [InlineData("workload.volume.growth.monthly_rate", InputEffect.Load)]
    [InlineData("workload.volume.growth.per_month[2]", InputEffect.Load)]
    [InlineData("workload.weekend_factor", InputEffect.Load)]
    [InlineData("workload.classes[chat].output_tokens.mean", InputEffect.Physics)]
    [InlineData("workload.classes[chat].share", InputEffect.Physics)]
    [InlineData("workload.daily_shape[18]", InputEffect.Physics)]
    [InlineData("workload.arrivals.cv", InputEffect.Physics)]
    [InlineData("slo.ttft_p95_ms", InputEffect.Physics)]
    [InlineData("simulation.warm_up_seconds", InputEffect.Physics)]
    [InlineData("options[llama-8b-l4].autoscaler.max_replicas", InputEffect.Physics)]
    [InlineData("options[llama-8b-l4].engine.compute_efficiency", InputEffect.Physics)]
    [InlineData("options[llama-8b-l4].spot.interruptions_per_hour", InputEffect.Physics)]
    [InlineData("options[llama-8b-l4].gpu.memory_gb", InputEffect.Physics)]
    [InlineData("options[api].latency.ttft_p95_ms", InputEffect.Physics)]
    [InlineData("options[api].batch_share", InputEffect.Physics)]
    [InlineData("options[api].rate_limits.tpm", InputEffect.Physics)]
    [InlineData("options[self].fine_tuning[refresh].tokens_per_second", InputEffect.Physics)]
    [InlineData("options[self].billing_granularity_s", InputEffect.Physics)]
    public void Paths_are_classified_by_the_documented_rule(string path, InputEffect effect) =>
        Assert.Equal(effect, InputEffectRule.Classify(path));
}
