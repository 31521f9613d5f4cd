namespace Planner.Cluster.Messages;

/// <summary>A worker's answer to a <see cref="WindowRequest"/>: every option's outcome, or why it could not simulate the unit.</summary>
[GenerateSerializer, Immutable]
public sealed record WindowReply
{
    /// <summary>One entry per option, in the scenario's order; empty when <see cref="Error"/> is set.</summary>
    [Id(0)] public required OptionWindowPayload[] Options { get; init; }

    /// <summary>Why the worker refused the unit (a problem no retry fixes), else null.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>The silo that simulated the unit.</summary>
    [Id(2)] public required string Worker { get; init; }

    /// <summary>Seconds the worker spent preparing and simulating the unit, once a core was free for it.</summary>
    [Id(3)] public double WorkerSeconds { get; init; }

    /// <summary>The worker's Planner version; the client takes no answer from a worker of another version.</summary>
    [Id(4)] public string? WorkerVersion { get; init; }

    /// <summary>Units the worker simulates at once (its <c>--cores</c>): what a benchmark divides its capacity by.</summary>
    [Id(5)] public int WorkerSlots { get; init; }
}
