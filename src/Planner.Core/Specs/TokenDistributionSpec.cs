using MathNet.Numerics.Distributions;

namespace Planner.Core.Specs;

/// <summary>A distribution of token counts per request.</summary>
public abstract record TokenDistributionSpec
{
    /// <summary>Expected value, used for analytic estimates and crossover volumes.</summary>
    public abstract double MeanTokens { get; }

    /// <summary>
    /// Expected count of one draw as the simulation makes it: for a lognormal, clamped to its
    /// bounds (<see cref="MeanTokens"/> is the unclamped figure); for the others the same as <see cref="MeanTokens"/>.
    /// </summary>
    public virtual double DrawnMeanTokens => MeanTokens;
}

/// <summary>Every request has the same count.</summary>
public sealed record FixedTokens(int Tokens) : TokenDistributionSpec
{
    public override double MeanTokens => Tokens;
}

/// <summary>Lognormal token counts, rounded and clamped to [MinTokens, MaxTokens].</summary>
public sealed record LognormalTokens(double Mu, double Sigma, int MinTokens, int MaxTokens) : TokenDistributionSpec
{
    /// <summary>The standard normal quantile at 0.95.</summary>
    public const double Z95 = 1.6448536269514722;

    /// <summary>Which two figures the scenario quoted (both forms give the same μ and σ); reports state them as written.</summary>
    public LognormalQuote Quote { get; init; } = LognormalQuote.MedianAndP95;

    public override double MeanTokens => Math.Exp(Mu + Sigma * Sigma / 2);

    /// <summary>The median before clamping, exp(μ).</summary>
    public double MedianTokens => Math.Exp(Mu);

    /// <summary>The 95th percentile before clamping, exp(μ + z₀.₉₅σ).</summary>
    public double P95Tokens => Math.Exp(Mu + Z95 * Sigma);

    /// <summary>The standard deviation before clamping: mean × √(exp(σ²) − 1).</summary>
    public double StandardDeviationTokens => MeanTokens * Math.Sqrt(Math.Exp(Sigma * Sigma) - 1);

    /// <summary>
    /// E[clamp(X, min, max)] = min·Φ(a) + max·(1 − Φ(b)) + exp(μ + σ²/2)·(Φ(b − σ) − Φ(a − σ)), with
    /// a and b the bounds' standard scores; the sampler's rounding to whole tokens (before the
    /// integer bounds, so the same as after) moves it by far less than a token.
    /// </summary>
    public override double DrawnMeanTokens
    {
        get
        {
            if (Sigma <= 0)
            {
                return Math.Clamp(Math.Exp(Mu), MinTokens, MaxTokens);
            }
            double a = (Math.Log(MinTokens) - Mu) / Sigma;
            double b = (Math.Log(MaxTokens) - Mu) / Sigma;
            return MinTokens * Normal.CDF(0, 1, a) + MaxTokens * (1 - Normal.CDF(0, 1, b))
                + MeanTokens * (Normal.CDF(0, 1, b - Sigma) - Normal.CDF(0, 1, a - Sigma));
        }
    }
}

/// <summary>The two figures a scenario gives for a lognormal token count.</summary>
public enum LognormalQuote
{
    /// <summary><c>median</c> and <c>p95</c>.</summary>
    MedianAndP95,
    /// <summary><c>mean</c> and <c>sd</c>.</summary>
    MeanAndStandardDeviation,
}

/// <summary>Token counts drawn uniformly from observed values (for example a trace column).</summary>
public sealed record EmpiricalTokens(IReadOnlyList<int> Values, string Source) : TokenDistributionSpec
{
    /// <summary>The trace file as the scenario names it; null for values that come from elsewhere.</summary>
    public string? Trace { get; init; }

    /// <summary>The trace column as the scenario names it (<c>context</c> or <c>generated</c>); null with <see cref="Trace"/>.</summary>
    public string? Column { get; init; }

    /// <summary>Who published the trace and under what licence, where a report must say so; null otherwise.</summary>
    public string? Credit { get; init; }

    public override double MeanTokens => Values.Count == 0 ? 0 : Values.Average();
}
