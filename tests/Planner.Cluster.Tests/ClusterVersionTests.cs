using Planner.Cluster.Versioning;

namespace Planner.Cluster.Tests;

public sealed class ClusterVersionTests
{
    [Fact]
    public void The_same_version_is_accepted_both_ways()
    {
        Assert.Null(ClusterVersion.Refusal("w1", "0.1.0", "0.1.0"));
        Assert.Null(ClusterVersion.Mismatch("w1", "0.1.0", "0.1.0"));
    }

    [Fact]
    public void A_worker_of_another_version_refuses_and_says_what_to_do()
    {
        Assert.Equal("worker w1 at 0.1.0 refuses work from a client at 0.2.0: run the same Planner version on every machine",
            ClusterVersion.Refusal("w1", "0.1.0", "0.2.0"));
    }

    [Fact]
    public void Versions_are_compared_as_exact_text()
    {
        // A pre-release or a build suffix may change the engine, so it is another version.
        Assert.NotNull(ClusterVersion.Refusal("w1", "0.1.0", "0.1.0-beta"));
        Assert.NotNull(ClusterVersion.Refusal("w1", "0.1.0", "0.1"));
    }

    [Fact]
    public void A_client_that_does_not_state_its_version_is_refused()
    {
        Assert.Contains("a client that does not state its version", ClusterVersion.Refusal("w1", "0.1.0", null), StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_takes_no_answer_from_a_worker_of_another_or_no_version()
    {
        Assert.Equal("worker w2 is at 0.0.9 and this client at 0.1.0: run the same Planner version on every machine", ClusterVersion.Mismatch("w2", "0.0.9", "0.1.0"));
        Assert.Contains("does not state its version", ClusterVersion.Mismatch("w2", null, "0.1.0"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_is_the_one_planner_prints()
    {
        Assert.Equal(Planner.Reports.PlannerVersion.Current, ClusterVersion.Current);
    }
}
