using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;

namespace Planner.Scenarios.Loading;

/// <summary>Parameters (mu, sigma of the underlying normal) of a lognormal from the figures people quote.</summary>
public static class LognormalFit
{
    /// <summary>The standard normal quantile at 0.95.</summary>
    public const double Z95 = Planner.Core.Specs.LognormalTokens.Z95;

    /// <summary>
    /// From the median and the 95th percentile: the median of a lognormal is exp(mu), and its
    /// p95 is exp(mu + z95·sigma). Requires p95 &gt; median &gt; 0.
    /// </summary>
    public static (double Mu, double Sigma) FromMedianAndP95(double median, double p95)
    {
        double mu = Math.Log(median);
        return (mu, (Math.Log(p95) - mu) / Z95);
    }

    /// <summary>
    /// From the mean and standard deviation (method of moments): sigma² = ln(1 + sd²/mean²),
    /// mu = ln(mean) − sigma²/2. Requires mean &gt; 0 and sd &gt; 0.
    /// </summary>
    public static (double Mu, double Sigma) FromMeanAndStandardDeviation(double mean, double standardDeviation)
    {
        double variance = Math.Log(1 + standardDeviation * standardDeviation / (mean * mean));
        return (Math.Log(mean) - variance / 2, Math.Sqrt(variance));
    }

    /// <summary>
    /// Reads μ and σ from a mapping that quotes either <c>mean</c> and <c>sd</c> or <c>median</c>
    /// and <c>p95</c> (not both forms), reporting any problem at its key; null after an error.
    /// Shared by token-count distributions and uncertain inputs.
    /// </summary>
    /// <param name="r">The mapping.</param>
    /// <param name="range">What each of the four figures may be; null for any positive number.</param>
    internal static (double Mu, double Sigma)? Read(MappingReader r, ValueRange? range = null)
    {
        ValueRange figures = range ?? ValueRange.Positive;
        // Every key asked, none short-circuited: an unasked one read as unknown beside the "not both" error.
        bool hasMean = r.Has("mean"), hasSd = r.Has("sd"), hasMedian = r.Has("median"), hasP95 = r.Has("p95");
        bool byMoments = hasMean || hasSd;
        bool byQuantiles = hasMedian || hasP95;
        if (byMoments && byQuantiles)
        {
            r.Context.Error(r.Node, Messages.ExclusiveKeys(r.Path, "mean/sd", "median/p95"), Messages.LognormalFormsAllowed(figures));
            return null;
        }
        if (byMoments)
        {
            double? mean = r.Double("mean", figures, required: true);
            double? sd = r.Double("sd", figures, required: true);
            return mean is not null && sd is not null ? FromMeanAndStandardDeviation(mean.Value, sd.Value) : null;
        }
        if (byQuantiles)
        {
            double? median = r.Double("median", figures, required: true);
            double? p95 = r.Double("p95", figures, required: true);
            if (median is null || p95 is null)
            {
                return null;
            }
            if (p95 <= median)
            {
                r.Context.Error(r.Get("p95")!, Messages.MustExceed(r.Path, "p95", p95.Value, "median", median.Value),
                    Messages.MustExceedAllowed("p95", "median", median.Value));
                return null;
            }
            return FromMedianAndP95(median.Value, p95.Value);
        }
        r.Context.Error(r.Node, Messages.LognormalParameters(r.Path), Messages.LognormalFormsAllowed(figures));
        return null;
    }
}
