using Planner.Core.Randomness;
using Planner.Core.Specs;

namespace Planner.Core.FineTuning;

/// <summary>
/// The fine-tuning jobs of an option, simulated once per projection, and what they add to each
/// month. Their cost is booked like a one-time cost — in the month a run starts, part of cumulative
/// cost and break-even, not of COGS — because a training run buys a model, not served traffic.
/// </summary>
public static class FineTuningPlan
{
    /// <summary>First key of every fine-tuning seed path; far above any month index, so no serving stream shares it.</summary>
    private const ulong StreamKey = 0x46696E6554756E65UL; // "FineTune"

    /// <summary>
    /// Simulates every job of <paramref name="option"/>. Seeds derive from the scenario seed, the option's
    /// name and the job's index, so results do not depend on the option's position or on who asks first.
    /// </summary>
    public static IReadOnlyList<FineTuningJobResult> Run(ScenarioSpec scenario, OptionSpec option, int samples = FineTuningSimulator.DefaultSamples)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(option);
        var results = new FineTuningJobResult[option.FineTuningJobs.Count];
        ulong name = NameKey(option.Name);
        for (int j = 0; j < results.Length; j++)
        {
            results[j] = FineTuningSimulator.Run(option.FineTuningJobs[j], SeedSequence.Derive(scenario.Seed, StreamKey, name, (ulong)j), samples);
        }
        return results;
    }

    /// <summary>Expected cost of the runs starting in <paramref name="month"/> (1-based).</summary>
    public static double UsdInMonth(IReadOnlyList<FineTuningJobResult> results, int month)
    {
        ArgumentNullException.ThrowIfNull(results);
        double sum = 0;
        foreach (FineTuningJobResult r in results)
        {
            if (r.Job.RunsInMonth(month))
            {
                sum += r.MeanCostUsd;
            }
        }
        return sum;
    }

    /// <summary>FNV-1a over the name's UTF-16 code units: fixed by this code, unlike string.GetHashCode.</summary>
    private static ulong NameKey(string name)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }
}
