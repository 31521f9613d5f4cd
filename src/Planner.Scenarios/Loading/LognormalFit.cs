namespace Planner.Scenarios.Loading;

/// <summary>Parameters (mu, sigma of the underlying normal) of a lognormal from the figures people quote.</summary>
public static class LognormalFit
{
    /// <summary>The standard normal quantile at 0.95.</summary>
    public const double Z95 = 1.6448536269514722;

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
}
