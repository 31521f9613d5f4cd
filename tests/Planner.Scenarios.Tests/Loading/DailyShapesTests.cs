using Planner.Scenarios.Loading;

namespace Planner.Scenarios.Tests.Loading;

public sealed class DailyShapesTests
{
    [Fact]
    public void Presets_have_24_non_negative_weights_summing_to_24()
    {
        foreach (string name in DailyShapes.Names)
        {
            IReadOnlyList<double> weights = DailyShapes.ByName(name)!;
            Assert.Equal(24, weights.Count);
            Assert.All(weights, w => Assert.True(w >= 0));
            Assert.Equal(24, weights.Sum(), 9);
        }
    }

    [Fact]
    public void Business_hours_peak_between_9_and_17_and_consumer_evening_between_19_and_23()
    {
        IReadOnlyList<double> business = DailyShapes.BusinessHours;
        double businessPeak = business.Max();
        Assert.All(Enumerable.Range(9, 8), h => Assert.Equal(businessPeak, business[h]));
        Assert.True(business[3] < business[12] / 5);

        IReadOnlyList<double> evening = DailyShapes.ConsumerEvening;
        int eveningPeakHour = Enumerable.Range(0, 24).MaxBy(h => evening[h]);
        Assert.InRange(eveningPeakHour, 19, 23);
        Assert.True(Enumerable.Range(19, 5).All(h => evening[h] > evening[12]));
    }

    [Fact]
    public void Normalise_scales_to_a_mean_of_one()
    {
        IReadOnlyList<double> weights = DailyShapes.Normalise(Enumerable.Repeat(3.0, 12).Concat(Enumerable.Repeat(0.0, 12)).ToArray());
        Assert.Equal(2.0, weights[0], 12);
        Assert.Equal(0.0, weights[23]);
    }
}
