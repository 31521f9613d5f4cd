using Planner.Core.Optimization;

namespace Planner.Core.Tests.Optimization;

/// <summary>The path minimises cost plus switch and retune costs: it changes only when the saving pays for it.</summary>
public sealed class PathPlannerTests
{
    /// <summary>Hardware "a" costs 100 every month; "b" costs 150 in months 1–3 and 40 in months 4–6.</summary>
    private static IReadOnlyList<IReadOnlyList<PathChoice>> Crossing() =>
    [
        .. Enumerable.Range(0, 6).Select(m => (IReadOnlyList<PathChoice>)
        [
            new PathChoice("a1", "a", 100),
            new PathChoice("b1", "b", m < 3 ? 150 : 40),
        ]),
    ];

    private static string[] Ids(IReadOnlyList<IReadOnlyList<PathChoice>> choices, int[] chosen) =>
        [.. chosen.Select((c, m) => c < 0 ? "-" : choices[m][c].Id)];

    [Fact]
    public void WithoutASwitchCostEachMonthTakesItsCheapest()
    {
        var choices = Crossing();
        Assert.Equal(["a1", "a1", "a1", "b1", "b1", "b1"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 0)));
    }

    [Fact]
    public void ItSwitchesOnlyWhenTheSavingPaysForTheSwitch()
    {
        var choices = Crossing();
        // Switching at month 4 saves 3 × 60 = 180: worth it for a switch cost of 100...
        Assert.Equal(["a1", "a1", "a1", "b1", "b1", "b1"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 100)));
        // ...not for 200. Staying on a costs 600, starting on b costs 3 × 150 + 3 × 40 = 570.
        Assert.Equal(["b1", "b1", "b1", "b1", "b1", "b1"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 200)));
    }

    [Fact]
    public void EqualTotalsKeepTheHardware()
    {
        // Switching in month 2 saves exactly the switch cost: no reason to move, whatever the order of the choices.
        IReadOnlyList<IReadOnlyList<PathChoice>> choices =
        [
            [new PathChoice("b1", "b", 300), new PathChoice("a1", "a", 100)],
            [new PathChoice("b1", "b", 50), new PathChoice("a1", "a", 100)],
        ];
        Assert.Equal(["a1", "a1"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 50)));
    }

    [Fact]
    public void RetuningCostsLessThanSwitchingAndSmallGainsDoNotPayForIt()
    {
        // Two settings on one hardware alternate being cheaper by 1; a retune costs 5.
        IReadOnlyList<IReadOnlyList<PathChoice>> choices =
        [
            .. Enumerable.Range(0, 6).Select(m => (IReadOnlyList<PathChoice>)
            [
                new PathChoice("x-fast", "x", m % 2 == 0 ? 10 : 11),
                new PathChoice("x-lean", "x", m % 2 == 0 ? 11 : 10),
            ]),
        ];
        string[] path = Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 1000, retuneCostUsd: 5));
        Assert.Single(path.Distinct());
        Assert.Equal(["x-fast", "x-lean", "x-fast", "x-lean", "x-fast", "x-lean"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 1000, retuneCostUsd: 0)));
    }

    [Fact]
    public void WithinTheNoiseFewerChangesWinAndWithAsManyTheCheaperDoes()
    {
        // Month 3 must retune away from x-0 (2,000). x-a and x-b are both one retune; x-b is 90
        // cheaper, 2.8% of the path's 3,190, inside a month's 5% noise over three months (5%/√3 =
        // 2.9%). The noise is no reason to pay 90 more for the same one change: x-b. (Listed
        // first, x-a used to win such a tie.)
        IReadOnlyList<IReadOnlyList<PathChoice>> choices =
        [
            [new PathChoice("x-0", "x", 1000)],
            [new PathChoice("x-0", "x", 1000)],
            [new PathChoice("x-a", "x", 1190), new PathChoice("x-b", "x", 1100), new PathChoice("x-0", "x", 2000)],
        ];
        Assert.Equal(["x-0", "x-0", "x-b"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 1000, retuneCostUsd: 0, noiseShare: 0.05)));
        // Staying put within the noise still beats a change: x-0 at 1,150 against x-b at 1,100 (1.6% of the path).
        choices = [choices[0], choices[1], [new PathChoice("x-a", "x", 1190), new PathChoice("x-b", "x", 1100), new PathChoice("x-0", "x", 1150)]];
        Assert.Equal(["x-0", "x-0", "x-0"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 1000, retuneCostUsd: 0, noiseShare: 0.05)));
    }

    [Fact]
    public void TheNoiseOfATotalShrinksWithTheMonthsItSpans()
    {
        // 16 months at 100 on "a", or "b" at 90 from month 9 with a switch of 30: 1,600 against
        // 1,550, 3.1% less. A month's noise of 8% would call that a tie; over 16 independent
        // months it is 8%/√16 = 2%, and the switch pays.
        IReadOnlyList<IReadOnlyList<PathChoice>> choices =
        [
            .. Enumerable.Range(0, 16).Select(m => (IReadOnlyList<PathChoice>)
                (m < 8 ? [new PathChoice("a", "a", 100)] : [new PathChoice("a", "a", 100), new PathChoice("b", "b", 90)])),
        ];
        string[] path = Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 30, retuneCostUsd: 0, noiseShare: 0.08));
        Assert.Equal("b", path[^1]);
        // With a month's noise of 16% (4% over the 16 months) the 3.1% is a tie, and the path stays.
        Assert.All(Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 30, retuneCostUsd: 0, noiseShare: 0.16)), id => Assert.Equal("a", id));
    }

    [Fact]
    public void AMonthWithoutChoicesBreaksThePath()
    {
        IReadOnlyList<IReadOnlyList<PathChoice>> choices =
        [
            [new PathChoice("a1", "a", 100), new PathChoice("b1", "b", 120)],
            [],
            [new PathChoice("a1", "a", 300), new PathChoice("b1", "b", 120)],
        ];
        // Across the gap nothing is carried over, so no switch cost applies.
        Assert.Equal(["a1", "-", "b1"], Ids(choices, PathPlanner.Plan(choices, switchCostUsd: 1e9)));
    }
}
