namespace Planner.Calibration.Models;

/// <summary>
/// Deterministic pseudo-random tensor values: xoshiro256** streams seeded by SplitMix64 from the
/// model seed, the tensor's name and the index of each block of <see cref="ChunkElements"/>
/// values. The same seed always yields the same weights, however many threads generate them, so
/// a test can recompute them and no weights are ever downloaded.
/// </summary>
public static class WeightGenerator
{
    /// <summary>Values per independently seeded block (blocks are generated in parallel).</summary>
    public const int ChunkElements = 1 << 20;

    /// <summary>Fills <paramref name="destination"/> with uniform values in [-<paramref name="bound"/>, <paramref name="bound"/>).</summary>
    public static void FillUniform(Span<float> destination, ulong seed, string name, float bound)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong stream = seed ^ Fnv1a(name);
        for (int c = 0; c * (long)ChunkElements < destination.Length; c++)
        {
            int start = c * ChunkElements;
            FillChunk(destination.Slice(start, Math.Min(ChunkElements, destination.Length - start)), stream, c, bound);
        }
    }

    /// <summary>Uniform values as half precision: the float32 values rounded.</summary>
    public static void FillUniform(Span<Half> destination, ulong seed, string name, float bound)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong stream = seed ^ Fnv1a(name);
        var buffer = new float[Math.Min(ChunkElements, destination.Length)];
        for (int c = 0; c * (long)ChunkElements < destination.Length; c++)
        {
            int start = c * ChunkElements;
            Span<float> chunk = buffer.AsSpan(0, Math.Min(ChunkElements, destination.Length - start));
            FillChunk(chunk, stream, c, bound);
            for (int i = 0; i < chunk.Length; i++)
            {
                destination[start + i] = (Half)chunk[i];
            }
        }
    }

    /// <summary>As <see cref="FillUniform(Span{float}, ulong, string, float)"/> over native memory, blocks in parallel (weights of gigabytes).</summary>
    internal static unsafe void FillUniformParallel(float* destination, long length, ulong seed, string name, float bound)
    {
        ulong stream = seed ^ Fnv1a(name);
        long chunks = (length + ChunkElements - 1) / ChunkElements;
        Parallel.For(0L, chunks, c =>
        {
            long start = c * ChunkElements;
            FillChunk(new Span<float>(destination + start, (int)Math.Min(ChunkElements, length - start)), stream, (int)c, bound);
        });
    }

    /// <summary>As <see cref="FillUniform(Span{Half}, ulong, string, float)"/> over native memory, blocks in parallel.</summary>
    internal static unsafe void FillUniformParallel(Half* destination, long length, ulong seed, string name, float bound)
    {
        ulong stream = seed ^ Fnv1a(name);
        long chunks = (length + ChunkElements - 1) / ChunkElements;
        Parallel.For(0L, chunks, c =>
        {
            long start = c * ChunkElements;
            int count = (int)Math.Min(ChunkElements, length - start);
            var buffer = new float[count];
            FillChunk(buffer, stream, (int)c, bound);
            var target = new Span<Half>(destination + start, count);
            for (int i = 0; i < count; i++)
            {
                target[i] = (Half)buffer[i];
            }
        });
    }

    private static void FillChunk(Span<float> destination, ulong stream, int chunk, float bound)
    {
        ulong s = stream + 0x9E3779B97F4A7C15UL * (ulong)(chunk + 1);
        ulong s0 = SplitMix(ref s), s1 = SplitMix(ref s), s2 = SplitMix(ref s), s3 = SplitMix(ref s);
        for (int i = 0; i < destination.Length; i++)
        {
            ulong result = RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            // 24 random bits make every float in [0, 1) equally likely on its grid.
            float unit = (result >> 40) * (1.0f / (1 << 24));
            destination[i] = (2 * unit - 1) * bound;
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong Fnv1a(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }
}
