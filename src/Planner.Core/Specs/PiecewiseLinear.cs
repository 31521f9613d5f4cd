namespace Planner.Core.Specs;

/// <summary>Reads a measured series between and beyond its points.</summary>
public static class PiecewiseLinear
{
    /// <summary>
    /// The series (<paramref name="x"/> strictly increasing, <paramref name="y"/> beside it) at
    /// <paramref name="at"/>: linear between points, the first point's value at or below the first
    /// x, and the last two points' slope beyond the last.
    /// </summary>
    public static double At(IReadOnlyList<double> x, IReadOnlyList<double> y, double at)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.Count;
        if (n == 1 || at <= x[0])
        {
            return y[0];
        }
        int hi = n - 1;
        if (at < x[hi])
        {
            int lo = 0;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) >> 1;
                if (x[mid] <= at)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            hi = lo + 1;
        }
        int a = hi - 1;
        return y[a] + (y[hi] - y[a]) / (x[hi] - x[a]) * (at - x[a]);
    }
}
