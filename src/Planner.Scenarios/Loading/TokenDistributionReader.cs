using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Traces;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>Reads a token-count distribution: fixed, lognormal (mean+sd or median+p95) or empirical from a trace column.</summary>
internal static class TokenDistributionReader
{
    public const int DefaultMinTokens = 1;
    public const int DefaultMaxTokens = 131_072;

    private static readonly string[] Kinds = ["fixed", "lognormal", "empirical"];
    private static readonly string[] Columns = ["context", "generated"];

    public static TokenDistributionSpec? Read(YamlNode node, string path, LoadContext context)
    {
        if (context.Read.Mapping(node, path) is not { } r)
        {
            return null;
        }
        string? kind = r.Word("distribution", "distribution", Kinds, required: true);
        TokenDistributionSpec? result = kind switch
        {
            "fixed" => r.Int("tokens", Plausible.Tokens, required: true) is { } tokens ? new FixedTokens(tokens) : null,
            "lognormal" => ReadLognormal(r),
            "empirical" => ReadEmpirical(r, context),
            _ => null,
        };
        if (kind is not null)
        {
            // Without a valid kind, every other key would look unknown; the kind error says enough.
            r.Finish();
        }
        return result;
    }

    private static LognormalTokens? ReadLognormal(MappingReader r)
    {
        (double Mu, double Sigma)? parameters = LognormalFit.Read(r, Plausible.Tokens);

        int? min = r.Int("min", Plausible.Tokens);
        int? max = r.Int("max", Plausible.Tokens);
        bool boundsFailed = (r.Has("min") && min is null) || (r.Has("max") && max is null);
        int minTokens = min ?? DefaultMinTokens;
        int maxTokens = max ?? DefaultMaxTokens;
        if (!boundsFailed && maxTokens < minTokens)
        {
            YamlNode at = r.Get("max") ?? r.Get("min")!;
            r.Context.Error(at, Messages.MustBeAtLeast(r.Path, "max", maxTokens, "min", minTokens), Messages.AtLeastAllowed("max", "min", minTokens));
            boundsFailed = true;
        }
        LognormalQuote quote = r.Has("mean") || r.Has("sd") ? LognormalQuote.MeanAndStandardDeviation : LognormalQuote.MedianAndP95;
        return parameters is { } p && !boundsFailed ? new LognormalTokens(p.Mu, p.Sigma, minTokens, maxTokens) { Quote = quote } : null;
    }

    private static EmpiricalTokens? ReadEmpirical(MappingReader r, LoadContext context)
    {
        string? written = r.Text("trace", required: true);
        string? column = r.Word("column", "trace column", Columns, required: true);
        if (written is null || column is null)
        {
            return null;
        }
        if (context.Trace(r.Get("trace")!, r.PathOf("trace"), written) is not { } trace)
        {
            return null;
        }
        return column == "context"
            ? new EmpiricalTokens(trace.ContextTokens, $"{written} (ContextTokens)") { Trace = written, Column = column, Credit = trace.Credit }
            : new EmpiricalTokens(trace.GeneratedTokens, $"{written} (GeneratedTokens)") { Trace = written, Column = column, Credit = trace.Credit };
    }
}
