using System.Globalization;
using Planner.Core.Specs;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Warns, where the scenario is read, of an option whose model's context window is shorter than most
/// requests of a class (prompt and answer at their medians): the run would see it refuse them
/// (<see cref="ApiOptionSpec.ContextWindowTokens"/>, <see cref="ModelArchitectureSpec.MaxContextTokens"/>). A scenario of 500,000-token prompts against a
/// 128,000-token model validated clean. Only where the class's lengths are fixed or lognormal; a
/// trace's or an empirical class's refusals are counted by the run and named in its risks.
/// </summary>
internal static class ContextWindowCheck
{
    public static void Check(IReadOnlyList<(OptionSpec Option, YamlNode Node, string Path)> options, WorkloadSpec workload, LoadContext context)
    {
        foreach ((OptionSpec option, YamlNode node, string path) in options)
        {
            (int? window, string who) = option switch
            {
                ApiOptionSpec a => (a.ContextWindowTokens, "the API refuses such requests"),
                // A hybrid sends what its fleet's model cannot take to its API: only what neither takes is refused.
                HybridOptionSpec h => (Longer(h.Primary.Model.MaxContextTokens, h.Overflow.ContextWindowTokens), "neither its fleet nor its API takes such requests"),
                SelfHostedOptionSpec s => (s.Model.MaxContextTokens, "its serving engine refuses such requests (vLLM's max_model_len is the model's maximum context)"),
                _ => (null, ""),
            };
            if (window is not int tokens)
            {
                continue;
            }
            foreach (RequestClassSpec c in workload.Classes.Where(c => c.Share > 0))
            {
                if (Median(c.InputTokens) is double input && Median(c.OutputTokens) is double output && input + output > tokens)
                {
                    context.Read.Warning(node, string.Create(CultureInfo.InvariantCulture,
                        $"{path} ({option.Name}): requests of class '{c.Name}' take {input + output:#,##0} tokens at their median (prompt {input:#,##0}, answer {output:#,##0}), more than its model's context window of {tokens:#,##0}: {who}, and the run counts them as rejected"),
                        "allowed: requests within the model's context window; a model with a longer context, or shorter prompts");
                }
            }
        }
    }

    /// <summary>A hybrid's window: the longer of its fleet's and its API's; none where its fleet states none (a fleet bounded by its KV cache alone keeps what it can hold).</summary>
    private static int? Longer(int? fleet, int? api) => fleet is int x ? (api is int y ? Math.Max(x, y) : null) : null;

    /// <summary>The median of a fixed or lognormal count (clamped as drawn); null for the others.</summary>
    private static double? Median(TokenDistributionSpec d) => d switch
    {
        FixedTokens f => f.Tokens,
        LognormalTokens l => Math.Clamp(Math.Round(l.MedianTokens), l.MinTokens, l.MaxTokens),
        _ => null,
    };
}
