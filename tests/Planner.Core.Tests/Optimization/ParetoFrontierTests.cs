using FsCheck;
using FsCheck.Fluent;
using Planner.Core.Optimization;

namespace Planner.Core.Tests.Optimization;

/// <summary>The frontier keeps exactly the points no other point beats on both cost and latency.</summary>
public sealed class ParetoFrontierTests
{
    [Fact]
    public void FrontierPointsAreNonDominatedAndEveryOtherPointIsDominated()
    {
        // Values from a small grid so that ties in cost, in latency and in both are frequent.
        Gen<(int Cost, int Latency)> point = Gen.Zip(Gen.Choose(0, 12), Gen.Choose(0, 12));
        Property property = Prop.ForAll(Arb.From(Gen.ArrayOf(point)), points =>
        {
            IReadOnlyList<(int Cost, int Latency)> frontier = ParetoFrontier.Of(points, p => p.Cost, p => p.Latency);
            static bool Dominates((int Cost, int Latency) a, (int Cost, int Latency) b) =>
                a.Cost <= b.Cost && a.Latency <= b.Latency && (a.Cost < b.Cost || a.Latency < b.Latency);
            bool nonDominated = frontier.All(f => !points.Any(p => Dominates(p, f)));
            // A point left out is dominated, or equal on both to a point that was kept.
            bool othersCovered = points.All(p => frontier.Contains(p) || frontier.Any(f => Dominates(f, p) || f == p));
            bool distinct = frontier.Distinct().Count() == frontier.Count;
            bool ordered = frontier.Zip(frontier.Skip(1)).All(x => x.First.Cost < x.Second.Cost && x.First.Latency > x.Second.Latency);
            return nonDominated && othersCovered && distinct && ordered && (points.Length == 0) == (frontier.Count == 0);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void AHandWorkedExample()
    {
        (string Name, double Cost, double Latency)[] points =
        [
            ("cheap-slow", 100, 900), ("dominated", 150, 950), ("mid", 200, 400), ("same-cost-slower", 200, 500),
            ("fast", 400, 150), ("dearer-not-faster", 500, 150), ("fastest", 900, 100), ("no-latency", 50, double.NaN),
        ];
        IReadOnlyList<(string Name, double Cost, double Latency)> frontier = ParetoFrontier.Of(points, p => p.Cost, p => p.Latency);
        Assert.Equal(["cheap-slow", "mid", "fast", "fastest"], frontier.Select(p => p.Name));
    }
}
