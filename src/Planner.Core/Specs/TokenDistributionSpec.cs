namespace Planner.Core.Specs;

/// <summary>A distribution of token counts per request.</summary>
public abstract record TokenDistributionSpec
{
    /// <summary>Expected value, used for analytic estimates and crossover volumes.</summary>
    public abstract double MeanTokens { get; }
}

/// <summary>Every request has the same count.</summary>
public sealed record FixedTokens(int Tokens) : TokenDistributionSpec
{
    public override double MeanTokens => Tokens;
}

/// <summary>Lognormal token counts, rounded and clamped to [MinTokens, MaxTokens].</summary>
public sealed record LognormalTokens(double Mu, double Sigma, int MinTokens, int MaxTokens) : TokenDistributionSpec
{
    public override double MeanTokens => Math.Exp(Mu + Sigma * Sigma / 2);
}

/// <summary>Token counts drawn uniformly from observed values (for example a trace column).</summary>
public sealed record EmpiricalTokens(IReadOnlyList<int> Values, string Source) : TokenDistributionSpec
{
    public override double MeanTokens => Values.Count == 0 ? 0 : Values.Average();
}
