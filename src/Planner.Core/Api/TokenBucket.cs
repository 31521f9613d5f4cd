namespace Planner.Core.Api;

/// <summary>
/// A provider's per-minute limit as a token bucket: capacity one minute's allowance, refilled
/// continuously. Mutable by design; one per simulated client.
/// </summary>
public struct TokenBucket
{
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private double _level;
    private double _updatedAt;

    public TokenBucket(double perMinute)
    {
        _capacity = perMinute;
        _refillPerSecond = perMinute / 60.0;
        _level = perMinute;
        _updatedAt = 0;
    }

    public readonly bool IsUnlimited => double.IsPositiveInfinity(_capacity);

    /// <summary>Whether <paramref name="amount"/> is available at <paramref name="now"/>.</summary>
    public bool CanTake(double now, double amount)
    {
        if (IsUnlimited)
        {
            return true;
        }
        Refill(now);
        // A single request larger than the whole bucket may still go when the bucket is full.
        return _level >= Math.Min(amount, _capacity);
    }

    public void Take(double now, double amount)
    {
        if (IsUnlimited)
        {
            return;
        }
        Refill(now);
        _level -= Math.Min(amount, _capacity);
    }

    private void Refill(double now)
    {
        if (now > _updatedAt)
        {
            _level = Math.Min(_capacity, _level + (now - _updatedAt) * _refillPerSecond);
            _updatedAt = now;
        }
    }
}
