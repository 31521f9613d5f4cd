using Planner.Core.Decision;

namespace Planner.Core.Tests.Decision;

/// <summary>
/// The response surface's daily volumes lie on one lattice anchored at the median inputs, so the
/// surface at a given volume does not depend on which samples were drawn: with points spread evenly
/// between the samples' extremes, chat-seed-stage's tornado base moved from −$21,937 at 1,000
/// samples to −$21,428 at 200.
/// </summary>
public sealed class ResponseSurfaceGridTests
{
    [Fact]
    public void The_points_are_the_anchor_times_whole_powers_of_the_ratio_covering_the_range()
    {
        (double[] volumes, int[] keys) = ResponseSurface.AnchoredGrid(7_000, 1_000_000, 1.3, 8_000);
        Assert.True(volumes[0] <= 7_000 && volumes[^1] >= 1_000_000);
        Assert.True(volumes[1] > 7_000 && volumes[^2] < 1_000_000, "no point beyond the one that covers each end");
        for (int i = 0; i < volumes.Length; i++)
        {
            Assert.Equal(8_000 * Math.Pow(1.3, keys[i]), volumes[i], 6);
            Assert.True(i == 0 || keys[i] == keys[i - 1] + 1);
        }
        Assert.Contains(0, keys);
    }

    [Fact]
    public void Two_ranges_share_every_point_and_key_they_both_cover()
    {
        // Fewer samples reach less far: the grid is shorter, never shifted.
        (double[] narrow, int[] narrowKeys) = ResponseSurface.AnchoredGrid(9_000, 400_000, 1.3, 8_000);
        (double[] wide, int[] wideKeys) = ResponseSurface.AnchoredGrid(7_500, 8_700_000, 1.3, 8_000);
        int offset = Array.IndexOf(wideKeys, narrowKeys[0]);
        Assert.True(offset >= 0);
        for (int i = 0; i < narrow.Length; i++)
        {
            Assert.Equal(narrowKeys[i], wideKeys[offset + i]);
            Assert.Equal(narrow[i], wide[offset + i]);
        }
    }

    [Fact]
    public void A_single_volume_still_gets_two_points_around_it()
    {
        (double[] volumes, _) = ResponseSurface.AnchoredGrid(10_000, 10_000, 1.3, 8_000);
        Assert.Equal(2, volumes.Length);
        Assert.InRange(10_000, volumes[0], volumes[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseSurface.AnchoredGrid(0, 10, 1.3, 8_000));
    }
}
