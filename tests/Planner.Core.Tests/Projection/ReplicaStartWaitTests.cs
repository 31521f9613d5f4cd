using Planner.Core.Projection;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Projection;

/// <summary>
/// Requests that arrive while no replica is ready wait for a cold start, which more replicas do not
/// shorten; they are counted apart from those that wait for a batch slot on a replica that is up.
/// </summary>
public sealed class ReplicaStartWaitTests
{
    private const double ColdStartSeconds = 180;

    // 200 requests a day in business hours: the fleet empties every night and between bursts.
    private static MonthlyOutcome Month(int minReplicas) => new Projector().Run(TestSpecs.Scenario(
        TestSpecs.Workload(requestsPerDay: 200, hourlyWeights: TestSpecs.BusinessHours),
        [
            TestSpecs.Api(),
            TestSpecs.SelfHosted(fixedReplicas: null, autoscaler: new AutoscalerSpec
            {
                MinReplicas = minReplicas, MaxReplicas = 4, TargetValue = 4, ColdStartSeconds = ColdStartSeconds, ScaleDownStabilizationSeconds = 300,
            }),
        ],
        seed: 5)).Options[1].Months[0];

    [Fact]
    public void AFleetScaledToZeroMakesItsFirstRequestsWaitAboutAColdStart()
    {
        MonthlyOutcome m = Month(minReplicas: 0);
        Assert.True(m.ReplicaStartWaits > 0, "a fleet that scales to zero makes the requests that wake it wait");
        Assert.True(m.ReplicaStartWaits <= m.CapacityQueueWaits, $"{m.ReplicaStartWaits} of {m.CapacityQueueWaits}");
        // The request that wakes the fleet waits the scale-up delay and the whole cold start; those that
        // arrive during it wait what is left. With a few requests per cold start, that is on average
        // between half a cold start and a cold start plus the delay and an evaluation interval.
        double mean = m.ReplicaStartWaitSeconds / m.ReplicaStartWaits;
        Assert.InRange(mean, ColdStartSeconds / 2, ColdStartSeconds + 30 + 15);
        Assert.True(m.SecondsAtZero > 0);
    }

    [Fact]
    public void AFleetThatKeepsAReplicaUpMakesNoRequestWaitForOneToStart()
    {
        MonthlyOutcome m = Month(minReplicas: 1);
        Assert.Equal(0, m.ReplicaStartWaits);
        Assert.Equal(0, m.ReplicaStartWaitSeconds);
    }
}
