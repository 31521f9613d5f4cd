using System.Diagnostics;
using Orleans.Concurrency;
using Planner.Cluster.Messages;
using Planner.Cluster.Versioning;
using Planner.Cluster.Worker;
using Planner.Core.Optimization;

namespace Planner.Cluster.Grains;

/// <summary>Stateless, like <see cref="WindowGrain"/>: holds nothing between calls but what <see cref="PreparedOptimizations"/> caches per silo.</summary>
[StatelessWorker]
internal sealed class OptimizationGrain(PreparedOptimizations searches, WorkerSlots slots, ILocalSiloDetails silo) : Grain, IOptimizationGrain
{
    public async Task<OptimizationReply> Simulate(OptimizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string worker = silo.Name;
        if (ClusterVersion.Refusal(worker, Version, request.ClientVersion) is string refusal)
        {
            return Refused(refusal, worker);
        }
        await slots.WaitAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            return await Task.Run(() =>
            {
                (OptimizationWork? work, string? problem) = searches.Get(request);
                if (work is null)
                {
                    return Refused(problem!, worker);
                }
                if (work.Candidates != request.CandidateCount || work.Levels != request.LevelCount)
                {
                    return Refused($"worker {worker} plans the search differently ({work.Candidates} candidates at {work.Levels} levels, the client {request.CandidateCount} at {request.LevelCount}): "
                        + "are the scenario's catalog and files the same on every machine, and every machine on the same Planner build?", worker);
                }
                var outcomes = new PoolWindowResult[request.Units.Length];
                for (int i = 0; i < outcomes.Length; i++)
                {
                    PoolWindowUnit unit = OptimizationCodec.FromPayload(request.Units[i]);
                    if (work.Problem(unit) is string unitProblem)
                    {
                        return Refused($"worker {worker}: {unitProblem}", worker);
                    }
                    outcomes[i] = OptimizationCodec.ToPayload(work.Simulate(unit));
                }
                return new OptimizationReply { Outcomes = outcomes, Worker = worker, WorkerSeconds = clock.Elapsed.TotalSeconds, WorkerVersion = Version };
            });
        }
        finally
        {
            slots.Release();
        }
    }

    private static string Version { get; } = ClusterVersion.OfWorker();

    private static OptimizationReply Refused(string problem, string worker) => new() { Outcomes = [], Error = problem, Worker = worker, WorkerVersion = Version };
}
