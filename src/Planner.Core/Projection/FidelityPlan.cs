using System.Globalization;

namespace Planner.Core.Projection;

/// <summary>
/// How one option simulates one representative day: the whole fleet, or one of
/// <see cref="SliceFactor"/> interchangeable slices of it with that share of the traffic; and each
/// hour in real time, or compressed (<see cref="HourCompression"/>).
/// </summary>
/// <param name="SliceFactor">k ≥ 1: the simulated fleet and traffic are 1/k of the real ones, and count k times.</param>
/// <param name="HourCompression">c ≥ 1 for each hour of the day: the hour is simulated in 3600/c seconds, which count c times; empty for real time throughout.</param>
/// <param name="Approximate">True when the day had to be compressed past what the fleet's response time allows, to stay within the work bound.</param>
public sealed record FidelityPlan(double SliceFactor, IReadOnlyList<double> HourCompression, bool Approximate)
{
    /// <summary>The whole fleet in real time.</summary>
    public static readonly FidelityPlan Full = new(1, [], false);

    /// <summary>A plan with the same compression for every hour.</summary>
    public FidelityPlan(double sliceFactor, double compression, bool approximate)
        : this(sliceFactor, compression == 1 ? [] : Enumerable.Repeat(compression, 24).ToArray(), approximate)
    {
    }

    /// <summary>
    /// Compression of the warm-up before the day: 1 (real time) unless the day had to be compressed
    /// past the work bound, when it is compressed by the same factor as every hour.
    /// </summary>
    public double WarmUpCompression { get; init; } = 1;

    /// <summary>Compression of the hour <paramref name="hour"/> (1 = real time).</summary>
    public double CompressionAt(int hour) => HourCompression.Count == 0 ? 1 : HourCompression[Math.Clamp(hour, 0, HourCompression.Count - 1)];

    /// <summary>The largest compression of any hour.</summary>
    public double Compression => HourCompression.Count == 0 ? 1 : HourCompression.Max();

    public bool IsFull => SliceFactor == 1 && Compression == 1;

    /// <summary>Same slice and compression (the same simulated day, so the same requests can be shared).</summary>
    public bool SameAs(FidelityPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SliceFactor == other.SliceFactor && WarmUpCompression == other.WarmUpCompression && Enumerable.Range(0, 24).All(h => CompressionAt(h) == other.CompressionAt(h));
    }

    /// <summary>"whole fleet, real time", "1/4 slice, hours up to 2.5× compressed".</summary>
    public override string ToString()
    {
        string slice = SliceFactor == 1 ? "whole fleet" : string.Create(CultureInfo.InvariantCulture, $"1/{SliceFactor:0.##} slice");
        string time = Compression == 1 ? "real time" : string.Create(CultureInfo.InvariantCulture, $"hours up to {Compression:0.##}× compressed");
        return $"{slice}, {time}{(Approximate ? " (approximate)" : "")}";
    }

    public bool Equals(FidelityPlan? other) => other is not null && SameAs(other) && Approximate == other.Approximate;

    public override int GetHashCode() => HashCode.Combine(SliceFactor, Compression, Approximate);
}
