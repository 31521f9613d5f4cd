namespace Planner.Reports.Charts;

/// <summary>
/// Chooses axis ranges and ticks a reader can count in: steps of 1, 2 or 5 times a power of ten,
/// ranges that start and end on a tick.
/// </summary>
public static class NiceScale
{
    private static readonly double[] Mantissas = [1, 2, 5, 10];

    /// <summary>Ticks covering [<paramref name="min"/>, <paramref name="max"/>] with at most <paramref name="maxTicks"/> values.</summary>
    public static AxisTicks Linear(double min, double max, int maxTicks = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }
        if (max < min)
        {
            (min, max) = (max, min);
        }
        if (max == min)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = min >= 0 && min - pad < 0 ? (0, max + pad) : (min - pad, max + pad);
        }
        double step = NiceStep((max - min) / (maxTicks - 1));
        long first = (long)Math.Floor(min / step + 1e-9);
        long last = (long)Math.Ceiling(max / step - 1e-9);
        while (last - first + 1 > maxTicks)
        {
            step = NiceStep(step * 1.000001);
            first = (long)Math.Floor(min / step + 1e-9);
            last = (long)Math.Ceiling(max / step - 1e-9);
        }
        // Steps have one significant digit, so rounding one place below it removes float noise (0.30000000000000004).
        int digits = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
        var values = new List<double>();
        for (long k = first; k <= last; k++)
        {
            values.Add(Clean(Math.Round(k * step, digits)));
        }
        return new AxisTicks(values[0], values[^1], step, values);
    }

    /// <summary>
    /// Ticks of a logarithmic axis over positive values: 1, 2 and 5 in each decade when the range
    /// spans up to three decades, otherwise powers of ten only.
    /// </summary>
    public static AxisTicks Logarithmic(double min, double max)
    {
        if (!(min > 0) || !double.IsFinite(min) || !(max > 0) || !double.IsFinite(max))
        {
            (min, max) = (1, 10);
        }
        if (max < min)
        {
            (min, max) = (max, min);
        }
        int lowDecade = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int highDecade = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (highDecade == lowDecade)
        {
            highDecade++;
        }
        double[] mantissas = highDecade - lowDecade <= 3 ? [1, 2, 5] : [1];
        var candidates = new List<double>();
        for (int d = lowDecade; d <= highDecade; d++)
        {
            foreach (double m in mantissas)
            {
                double v = Clean(Math.Round(m * Math.Pow(10, d), Math.Max(0, -d) + 1));
                if (d < highDecade || m == 1)
                {
                    candidates.Add(v);
                }
            }
        }
        // Keep one tick at or below the smallest value and one at or above the largest.
        int start = candidates.FindLastIndex(v => v <= min * (1 + 1e-9));
        int end = candidates.FindIndex(v => v >= max * (1 - 1e-9));
        start = Math.Max(start, 0);
        end = end < 0 ? candidates.Count - 1 : end;
        List<double> values = candidates.GetRange(start, end - start + 1);
        return new AxisTicks(values[0], values[^1], 0, values);
    }

    /// <summary>The smallest step of 1, 2 or 5 × 10^k that is at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (double m in Mantissas)
        {
            double step = m * magnitude;
            if (step >= rough * (1 - 1e-9))
            {
                return Clean(Math.Round(step, Math.Max(0, -(int)Math.Floor(Math.Log10(step))) + 1));
            }
        }
        return 10 * magnitude;
    }

    private static double Clean(double v) => v == 0 ? 0 : v;
}
