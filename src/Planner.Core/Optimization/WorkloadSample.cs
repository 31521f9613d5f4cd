using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Optimization;

/// <summary>
/// Request sizes drawn once from the scenario's workload (its classes, or the rows of a replayed
/// trace), so that every candidate's roofline bounds are computed over the same requests.
/// </summary>
public sealed class WorkloadSample
{
    private WorkloadSample(int[] prompt, int[] cached, int[] output)
    {
        PromptTokens = prompt;
        CachedTokens = cached;
        OutputTokens = output;
    }

    /// <summary>Prompt (input) tokens of each sampled request.</summary>
    public IReadOnlyList<int> PromptTokens { get; }

    /// <summary>Tokens of each prompt that a prefix cache can serve.</summary>
    public IReadOnlyList<int> CachedTokens { get; }

    /// <summary>Output tokens of each sampled request.</summary>
    public IReadOnlyList<int> OutputTokens { get; }

    public int Count => PromptTokens.Count;

    /// <summary>Draws <paramref name="count"/> requests with a stream seeded by <paramref name="seed"/>.</summary>
    public static WorkloadSample Draw(WorkloadSpec workload, ulong seed, int count = 4000)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new RandomStream(seed);
        var sampler = new RequestSampler(workload);
        var prompt = new int[count];
        var cached = new int[count];
        var output = new int[count];
        int rows = workload.Replay?.OffsetSeconds.Count ?? 0;
        for (int i = 0; i < count; i++)
        {
            int row = rows > 0 ? random.NextInt(rows) : -1;
            sampler.Sample(random, row, out prompt[i], out output[i], out cached[i]);
        }
        return new WorkloadSample(prompt, cached, output);
    }
}
