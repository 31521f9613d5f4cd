using Planner.Core.Workload;

namespace Planner.Core.Tests.Queueing;

/// <summary>
/// The engine reproduces queueing theory: mean wait in queue, probability of waiting and the
/// wait's exponential tail of M/M/1 and M/M/c against Erlang C.
/// Statistics use batch means: the measured customers are cut into 20 consecutive batches
/// of tens of thousands of customers (far longer than the queue's relaxation time, a few
/// hundred customers even at ρ = 0.8), so batch means are nearly independent and the
/// standard error is sd(batch means)/√20. A difference beyond 4.5 standard errors has
/// probability below 0.1% (Student t, 19 degrees of freedom), so the seeded test fails only on
/// a real bias; the test also requires the standard error to be small (≤ 2.5% of W_q), so it
/// cannot pass merely by being noisy.
/// </summary>
public sealed class MmcQueueTests
{
    private const int Batches = 20;
    private const double TStandardErrors = 4.5;
    private const double MaxRelativeStandardError = 0.025;

    [Theory]
    [InlineData(1, 0.5, 600_000)]
    [InlineData(1, 0.8, 1_200_000)]
    [InlineData(4, 0.7, 600_000)]
    public void MeanWaitInQueueMatchesErlangC(int servers, double utilisation, int customers)
    {
        const double mu = 1.0;
        double lambda = utilisation * servers * mu;
        List<double> waits = Simulate(servers, lambda, mu, customers, seed: (ulong)(servers * 1000 + utilisation * 100));

        double expected = ErlangC.MeanWaitInQueue(servers, lambda, mu);
        (double mean, double se) = BatchMeans(waits, w => w);

        Assert.True(se / expected < MaxRelativeStandardError, $"standard error {se / expected:P2} of W_q is too large for a meaningful test");
        Assert.True(Math.Abs(mean - expected) <= TStandardErrors * se,
            $"W_q simulated {mean:F4} ± {se:F4} vs Erlang C {expected:F4} (c={servers}, ρ={utilisation})");
    }

    [Theory]
    [InlineData(1, 0.5, 300_000)]
    [InlineData(1, 0.8, 600_000)]
    [InlineData(4, 0.7, 300_000)]
    public void ProbabilityOfWaitingAndTailMatchErlangC(int servers, double utilisation, int customers)
    {
        const double mu = 1.0;
        double lambda = utilisation * servers * mu;
        List<double> waits = Simulate(servers, lambda, mu, customers, seed: (ulong)(servers * 77 + utilisation * 10));

        // P(wait > 0) = C(c, a); for M/M/1 that is ρ (PASTA: arrivals see time averages).
        double c = ErlangC.ProbabilityOfWaiting(servers, lambda / mu);
        if (servers == 1)
        {
            Assert.Equal(utilisation, c, 12);
        }
        (double pWait, double sePWait) = BatchMeans(waits, w => w > 0 ? 1 : 0);
        Assert.True(sePWait / c < MaxRelativeStandardError);
        Assert.True(Math.Abs(pWait - c) <= TStandardErrors * sePWait, $"P(wait>0) simulated {pWait:F4} ± {sePWait:F4} vs C = {c:F4}");

        // The tail at one mean conditional wait, t = 1/(cμ − λ): P(W_q > t) = C/e.
        double t = 1 / (servers * mu - lambda);
        double tail = ErlangC.WaitExceeds(servers, lambda, mu, t);
        (double pTail, double seTail) = BatchMeans(waits, w => w > t ? 1 : 0);
        Assert.True(seTail / tail < MaxRelativeStandardError);
        Assert.True(Math.Abs(pTail - tail) <= TStandardErrors * seTail, $"P(W_q > {t:F2}) simulated {pTail:F4} ± {seTail:F4} vs {tail:F4}");
    }

    [Theory]
    [InlineData(1, 0.8)]
    [InlineData(2, 1.0)]
    [InlineData(4, 2.8)]
    [InlineData(16, 13.5)]
    public void ErlangCRecursionMatchesTheExplicitFormula(int servers, double offeredLoad)
    {
        // C(c, a) = [aᶜ/c! · c/(c − a)] / [Σ_{k<c} aᵏ/k! + aᶜ/c! · c/(c − a)], summed directly.
        double term = 1, sum = 0;
        for (int k = 0; k < servers; k++)
        {
            sum += term;
            term *= offeredLoad / (k + 1);
        }
        double top = term * servers / (servers - offeredLoad);
        Assert.Equal(top / (sum + top), ErlangC.ProbabilityOfWaiting(servers, offeredLoad), 12);
        // Hand-checked anchors: M/M/1 has C = ρ and W_q = ρ/(μ − λ); M/M/2 with a = 1 has C = 1/3.
        Assert.Equal(0.8, ErlangC.ProbabilityOfWaiting(1, 0.8), 12);
        Assert.Equal(1.0 / 3.0, ErlangC.ProbabilityOfWaiting(2, 1.0), 12);
        Assert.Equal(4.0, ErlangC.MeanWaitInQueue(1, 0.8, 1.0), 12);
    }

    private static List<double> Simulate(int servers, double lambda, double mu, int customers, ulong seed)
    {
        var sim = new MmcSimulator(servers, mu);
        // A weight-0 warm-up lets the queue reach steady state before customers are measured.
        var window = TestSpecs.Window(
            new LoadSegment(2000, lambda, 0, 0),
            new LoadSegment(customers / lambda, lambda, 1, 0));
        sim.Run(window, trafficSeed: seed, serviceSeed: seed + 1);
        Assert.InRange(sim.Waits.Count, customers * 0.99, customers * 1.01);
        return sim.Waits;
    }

    private static (double Mean, double StandardError) BatchMeans(List<double> samples, Func<double, double> statistic)
    {
        int size = samples.Count / Batches;
        var means = new double[Batches];
        for (int b = 0; b < Batches; b++)
        {
            double sum = 0;
            for (int i = b * size; i < (b + 1) * size; i++)
            {
                sum += statistic(samples[i]);
            }
            means[b] = sum / size;
        }
        double mean = means.Average();
        double variance = means.Sum(x => (x - mean) * (x - mean)) / (Batches - 1);
        return (mean, Math.Sqrt(variance / Batches));
    }
}
