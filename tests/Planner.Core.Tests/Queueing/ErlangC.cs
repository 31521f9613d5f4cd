namespace Planner.Core.Tests.Queueing;

/// <summary>Closed forms of the M/M/c queue, the reference the engine is checked against.</summary>
internal static class ErlangC
{
    /// <summary>Probability that an arrival waits, C(c, a), with offered load a = λ/μ (needs a &lt; c).</summary>
    public static double ProbabilityOfWaiting(int servers, double offeredLoad)
    {
        // Erlang B by its stable recursion, then C = B / (1 − ρ(1 − B)).
        double b = 1;
        for (int k = 1; k <= servers; k++)
        {
            b = offeredLoad * b / (k + offeredLoad * b);
        }
        double rho = offeredLoad / servers;
        return b / (1 - rho * (1 - b));
    }

    /// <summary>Mean wait in queue W_q = C(c, a) / (cμ − λ).</summary>
    public static double MeanWaitInQueue(int servers, double arrivalRate, double serviceRate) =>
        ProbabilityOfWaiting(servers, arrivalRate / serviceRate) / (servers * serviceRate - arrivalRate);

    /// <summary>P(W_q &gt; t) = C(c, a)·exp(−(cμ − λ)t).</summary>
    public static double WaitExceeds(int servers, double arrivalRate, double serviceRate, double t) =>
        ProbabilityOfWaiting(servers, arrivalRate / serviceRate) * Math.Exp(-(servers * serviceRate - arrivalRate) * t);
}
