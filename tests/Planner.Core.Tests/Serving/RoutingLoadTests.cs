using FsCheck;
using FsCheck.Fluent;
using Planner.Core.Serving;

namespace Planner.Core.Tests.Serving;

/// <summary>The least-outstanding router's vectorised minimum agrees with a plain one for every length, full vectors and a tail alike.</summary>
public sealed class RoutingLoadTests
{
    [Fact]
    public void FewestIsTheMinimumOfAnyLoads()
    {
        // Loads as the router sees them: small counts, and int.MaxValue for replicas that are not ready.
        Gen<int> load = Gen.Frequency((4, Gen.Choose(0, 40)), (1, Gen.Constant(int.MaxValue)));
        Property property = Prop.ForAll(Arb.From(Gen.ArrayOf(load)), loads =>
            Router.Fewest(loads) == (loads.Length == 0 ? int.MaxValue : loads.Min()));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithEndSize(100), property);
    }
}
