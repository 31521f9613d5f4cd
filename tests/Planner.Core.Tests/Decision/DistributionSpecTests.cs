using Planner.Core.Specs;
using Xunit;

namespace Planner.Core.Tests.Decision;

public class DistributionSpecTests
{
    [Fact]
    public void Triangular_quantiles_follow_the_closed_form()
    {
        var d = new DistributionSpec { Kind = DistributionKind.Triangular, Min = 0.08, Mode = 0.15, Max = 0.22 };
        // F(x) = (x − a)² / ((b − a)(c − a)) below the mode, so Q(p) = a + √(p (b − a)(c − a)).
        foreach (double p in (double[])[0.05, 0.1, 0.3])
        {
            Assert.Equal(0.08 + Math.Sqrt(p * 0.14 * 0.07), d.Quantile(p), 9);
        }
        Assert.Equal(0.22 - Math.Sqrt(0.1 * 0.14 * 0.07), d.Quantile(0.9), 9);
        Assert.Equal(0.15, d.ExpectedValue, 12);
    }

    [Fact]
    public void Descriptions_write_numbers_out_as_the_scenario_wrote_them_without_exponents()
    {
        Assert.Equal("uniform(180000, 260000)", new DistributionSpec { Kind = DistributionKind.Uniform, Min = 180_000, Max = 260_000 }.Describe());
        // chat-seed-stage writes the L4 price's range as 0.56336 to 0.88528; four digits read 0.5634 and 0.8853.
        Assert.Equal("triangular(0.56336, 0.8048, 0.88528)", new DistributionSpec { Kind = DistributionKind.Triangular, Min = 0.56336, Mode = 0.8048, Max = 0.88528 }.Describe());
        Assert.Equal("triangular(0.333333, 0.5, 1.1066)", new DistributionSpec { Kind = DistributionKind.Triangular, Min = 1.0 / 3, Mode = 0.5, Max = 1.1066 }.Describe());
        Assert.Equal("uniform(1.5E+15, 2E+15)", new DistributionSpec { Kind = DistributionKind.Uniform, Min = 1.5e15, Max = 2e15 }.Describe());
        Assert.Equal("PERT(160, 220, 320)", new DistributionSpec { Kind = DistributionKind.Pert, Min = 160, Mode = 220, Max = 320 }.Describe());
    }

    [Fact]
    public void Uniform_normal_and_lognormal_quantiles_are_exact()
    {
        Assert.Equal(12, new DistributionSpec { Kind = DistributionKind.Uniform, Min = 10, Max = 20 }.Quantile(0.2), 12);
        var normal = new DistributionSpec { Kind = DistributionKind.Normal, Mean = 100, StandardDeviation = 15 };
        Assert.Equal(100 + 15 * 1.6448536269514722, normal.Quantile(0.95), 6);
        var lognormal = new DistributionSpec { Kind = DistributionKind.Lognormal, LogMean = Math.Log(2), StandardDeviation = 0.25 };
        Assert.Equal(2, lognormal.Quantile(0.5), 9);
        Assert.Equal(2 * Math.Exp(0.25 * 1.6448536269514722), lognormal.Quantile(0.95), 6);
    }

    [Fact]
    public void Pert_is_a_scaled_beta_with_the_classic_mean_and_stays_in_bounds()
    {
        var d = new DistributionSpec { Kind = DistributionKind.Pert, Min = 160, Mode = 220, Max = 320 };
        Assert.Equal((160 + 4 * 220 + 320) / 6.0, d.ExpectedValue, 12);
        // A symmetric PERT has its median at the mode.
        var symmetric = new DistributionSpec { Kind = DistributionKind.Pert, Min = 0, Mode = 5, Max = 10 };
        Assert.Equal(5, symmetric.Quantile(0.5), 6);
        Assert.InRange(d.Quantile(0.001), 160, 220);
        Assert.InRange(d.Quantile(0.999), 220, 320);
        // Numerical mean from the quantile function matches the closed form.
        double mean = Enumerable.Range(0, 20_000).Select(i => d.Quantile((i + 0.5) / 20_000)).Average();
        Assert.Equal(d.ExpectedValue, mean, 1);
    }

    [Fact]
    public void Discrete_quantiles_step_at_the_cumulative_weights()
    {
        var d = new DistributionSpec { Kind = DistributionKind.Discrete, Values = [1, 2, 4], Weights = [0.5, 0.3, 0.2] };
        Assert.Equal(1, d.Quantile(0.49));
        Assert.Equal(2, d.Quantile(0.51));
        Assert.Equal(2, d.Quantile(0.79));
        Assert.Equal(4, d.Quantile(0.81));
        Assert.Equal(0.5 + 0.6 + 0.8, d.ExpectedValue, 12);
    }

    [Fact]
    public void A_bounded_distributions_ends_are_its_bounds_and_a_tails_are_never_infinite()
    {
        // The Monte Carlo draws bounded inputs over their whole range, and the scenario reader checks both ends.
        DistributionSpec[] bounded =
        [
            new() { Kind = DistributionKind.Uniform, Min = 2, Max = 4 },
            new() { Kind = DistributionKind.Triangular, Min = 2, Mode = 3, Max = 4 },
            new() { Kind = DistributionKind.Pert, Min = 2, Mode = 2.5, Max = 4 },
            new() { Kind = DistributionKind.Discrete, Values = [2, 3, 4], Weights = [0.2, 0.5, 0.3] },
        ];
        foreach (DistributionSpec d in bounded)
        {
            Assert.False(d.HasTails);
            Assert.Equal(2, d.Quantile(0), 12);
            Assert.Equal(4, d.Quantile(1), 12);
        }
        var normal = new DistributionSpec { Kind = DistributionKind.Normal, Mean = 3, StandardDeviation = 1 };
        Assert.True(normal.HasTails);
        Assert.Equal((normal.Quantile(0.001), normal.Quantile(0.999)), normal.DrawnRange(0.001, 0.999));

        // A discrete input's values come in the scenario's order: its drawn range is its smallest and
        // largest value of weight above 0, not its first and last (0.5 was drawn but never checked).
        var unsorted = new DistributionSpec { Kind = DistributionKind.Discrete, Values = [9, 1, 0.5, 2], Weights = [0, 1, 1, 1] };
        Assert.Equal((0.5, 2.0), unsorted.DrawnRange(0.001, 0.999));
        Assert.Equal((2.0, 4.0), bounded[0].DrawnRange(0.001, 0.999));
    }
}
