namespace Planner.Core.Randomness;

/// <summary>
/// Gamma draws of one shape (scale 1) by Marsaglia–Tsang, a shape below one boosted as
/// Gamma(a) = Gamma(a + 1) · U^(1/a). The shape's constants are worked out once, not per draw
/// (an arrival stream draws one gap per request); the draws are exactly those of
/// <see cref="RandomStream.NextGamma"/>, which uses this.
/// </summary>
public readonly struct GammaSampler
{
    private readonly double _d;
    private readonly double _c;
    private readonly bool _boosted;
    private readonly double _boostExponent;

    public GammaSampler(double shape)
    {
        _boosted = shape < 1;
        double drawn = _boosted ? shape + 1 : shape;
        _d = drawn - 1.0 / 3.0;
        _c = 1 / Math.Sqrt(9 * _d);
        _boostExponent = _boosted ? 1 / shape : 1;
    }

    public double Sample(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double gamma = MarsagliaTsang(random);
        return _boosted ? gamma * Math.Pow(random.NextOpenDouble(), _boostExponent) : gamma;
    }

    private double MarsagliaTsang(RandomStream random)
    {
        while (true)
        {
            double x = random.NextNormal();
            double v = 1 + _c * x;
            if (v <= 0)
            {
                continue;
            }
            v = v * v * v;
            double u = random.NextOpenDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + _d * (1 - v + Math.Log(v)))
            {
                return _d * v;
            }
        }
    }
}
