namespace Planner.Core.Optimization;

/// <summary>One candidate simulated at one load level.</summary>
public sealed record CandidateEvaluation
{
    public required DeploymentCandidate Candidate { get; init; }
    /// <summary>Index of the <see cref="LoadLevel"/> it was simulated at.</summary>
    public required int Level { get; init; }
    /// <summary>The roofline lower bound on its monthly GPU cost at that level.</summary>
    public required double BoundUsd { get; init; }
    public required ConfigurationOutcome Outcome { get; init; }
    /// <summary>GPU cost per day of the level's calendar month, to price the months mapped to it.</summary>
    public required double GpuUsdPerDay { get; init; }

    public bool SloMet => Outcome.SloMet;
    public double GpuUsd => Outcome.GpuUsd;
}
