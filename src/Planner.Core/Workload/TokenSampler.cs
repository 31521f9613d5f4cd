using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.Workload;

/// <summary>Draws token counts from one <see cref="TokenDistributionSpec"/> without allocating.</summary>
public readonly struct TokenSampler
{
    private readonly int _kind;
    private readonly double _mu;
    private readonly double _sigma;
    private readonly int _min;
    private readonly int _max;
    private readonly int[]? _values;

    public TokenSampler(TokenDistributionSpec spec)
    {
        switch (spec)
        {
            case FixedTokens f:
                _kind = 0;
                _min = f.Tokens;
                break;
            case LognormalTokens l:
                _kind = 1;
                (_mu, _sigma, _min, _max) = (l.Mu, l.Sigma, l.MinTokens, l.MaxTokens);
                break;
            case EmpiricalTokens e:
                _kind = 2;
                _values = [.. e.Values];
                break;
            default:
                throw new ArgumentException($"unsupported token distribution {spec?.GetType().Name}", nameof(spec));
        }
    }

    public int Sample(RandomStream random)
    {
        switch (_kind)
        {
            case 0:
                return _min;
            case 1:
                double x = Math.Round(Math.Exp(_mu + _sigma * random.NextNormal()));
                return (int)Math.Clamp(x, _min, _max);
            default:
                return _values![random.NextInt(_values.Length)];
        }
    }
}
