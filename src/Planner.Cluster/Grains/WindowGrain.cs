using System.Diagnostics;
using Orleans.Concurrency;
using Planner.Cluster.Messages;
using Planner.Cluster.Versioning;
using Planner.Cluster.Worker;
using Planner.Core.Projection;

namespace Planner.Cluster.Grains;

/// <summary>
/// Stateless: activated on the silo the call arrives at, as many at once as that silo allows,
/// holding nothing between calls but what <see cref="PreparedScenarios"/> caches per silo.
/// </summary>
[StatelessWorker]
internal sealed class WindowGrain(PreparedScenarios scenarios, WorkerSlots slots, ILocalSiloDetails silo) : Grain, IWindowGrain
{
    public async Task<WindowReply> Simulate(WindowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string worker = silo.Name;
        // Before waiting for a core: a refusal costs the client nothing but the round trip.
        if (ClusterVersion.Refusal(worker, Version, request.ClientVersion) is string refusal)
        {
            return Refused(refusal, worker);
        }
        await slots.WaitAsync();
        // From here: what the unit costs the worker, without its wait for a free core.
        var clock = Stopwatch.StartNew();
        try
        {
            // Off the grain's scheduler: a window is seconds of CPU.
            return await Task.Run(() =>
            {
                (WindowWork? work, string? problem) = scenarios.Get(request);
                if (work is null)
                {
                    return Refused(problem!, worker);
                }
                if (work.Units.Count != request.UnitCount || work.Scenario.Options.Count != request.OptionCount
                    || request.Ordinal < 0 || request.Ordinal >= work.Units.Count || work.Units[request.Ordinal].Window.Label != request.WindowLabel)
                {
                    return Refused($"worker {worker} plans the scenario differently ({work.Units.Count} windows of {work.Scenario.Options.Count} options, the client {request.UnitCount} of {request.OptionCount}): "
                        + "are the scenario's catalog and files the same on every machine, and every machine on the same Planner build?", worker);
                }
                WindowOutcome outcome = work.Simulate(work.Units[request.Ordinal]);
                return new WindowReply
                {
                    Options = outcome.Options.Select(MetricsCodec.ToPayload).ToArray(),
                    Worker = worker,
                    WorkerSeconds = clock.Elapsed.TotalSeconds,
                    WorkerVersion = Version,
                    WorkerSlots = slots.Count,
                };
            });
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Read once per silo process.</summary>
    private static string Version { get; } = ClusterVersion.OfWorker();

    private static WindowReply Refused(string problem, string worker) => new() { Options = [], Error = problem, Worker = worker, WorkerVersion = Version };
}
