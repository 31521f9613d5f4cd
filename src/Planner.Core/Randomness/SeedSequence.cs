namespace Planner.Core.Randomness;

/// <summary>
/// Derives independent child seeds from the scenario seed and a path of keys
/// (option index, month, window, stream), so every random stream is reproducible on its own
/// and no stream's draws depend on how many values another stream consumed.
/// </summary>
public static class SeedSequence
{
    /// <summary>Mixes <paramref name="seed"/> with each key in turn through SplitMix64's finaliser.</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<ulong> keys)
    {
        ulong state = Mix(seed ^ 0x9E3779B97F4A7C15UL);
        foreach (ulong key in keys)
        {
            state = Mix(state ^ Mix(key + 0x632BE59BD9B4E019UL));
        }
        return state;
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
