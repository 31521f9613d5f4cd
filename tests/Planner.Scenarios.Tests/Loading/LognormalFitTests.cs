using FsCheck;
using FsCheck.Fluent;
using Planner.Core.Specs;
using Planner.Scenarios.Loading;

namespace Planner.Scenarios.Tests.Loading;

public sealed class LognormalFitTests
{
    [Fact]
    public void Hand_computed_values()
    {
        (double mu, double sigma) = LognormalFit.FromMedianAndP95(100, 100 * Math.E);
        Assert.Equal(Math.Log(100), mu, 14);
        Assert.Equal(1 / 1.6448536269514722, sigma, 14);

        // mean 1, sd 1: sigma² = ln 2, mu = −ln 2 / 2.
        (mu, sigma) = LognormalFit.FromMeanAndStandardDeviation(1, 1);
        Assert.Equal(-Math.Log(2) / 2, mu, 14);
        Assert.Equal(Math.Sqrt(Math.Log(2)), sigma, 14);
    }

    [Fact]
    public void Median_and_p95_round_trip()
    {
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (median, spreadPercent) =>
        {
            double p95 = median * (1 + spreadPercent / 100.0);
            (double mu, double sigma) = LognormalFit.FromMedianAndP95(median, p95);
            return sigma > 0
                && Math.Abs(Math.Exp(mu) - median) <= 1e-9 * median
                && Math.Abs(Math.Exp(mu + LognormalFit.Z95 * sigma) - p95) <= 1e-9 * p95;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Mean_and_sd_round_trip()
    {
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), Gen.Choose(1, 500).ToArbitrary(), (mean, cvPercent) =>
        {
            double sd = mean * cvPercent / 100.0;
            (double mu, double sigma) = LognormalFit.FromMeanAndStandardDeviation(mean, sd);
            var distribution = new LognormalTokens(mu, sigma, 1, int.MaxValue);
            double variance = (Math.Exp(sigma * sigma) - 1) * Math.Exp(2 * mu + sigma * sigma);
            return Math.Abs(distribution.MeanTokens - mean) <= 1e-9 * mean
                && Math.Abs(Math.Sqrt(variance) - sd) <= 1e-9 * sd;
        }).QuickCheckThrowOnFailure();
    }
}
