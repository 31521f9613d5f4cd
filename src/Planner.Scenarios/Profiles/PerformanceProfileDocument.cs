using Planner.Core.Specs;

namespace Planner.Scenarios.Profiles;

/// <summary>A performance profile file (calibration/profiles/*.yaml) as read and checked: the engine's view plus everything else the file states.</summary>
public sealed record PerformanceProfileDocument
{
    /// <summary>What the simulator uses (its <see cref="CalibratedProfileSpec.SourcePath"/> is the path the file was read from).</summary>
    public required CalibratedProfileSpec Spec { get; init; }

    public required string Model { get; init; }

    /// <summary>cpu or gpu.</summary>
    public required string HardwareKind { get; init; }

    /// <summary>Catalog id of the GPU, when there is one.</summary>
    public string? Gpu { get; init; }

    public required string ExecutionProvider { get; init; }

    public string? OnnxRuntimeVersion { get; init; }

    public int? Threads { get; init; }

    public required int FitPoints { get; init; }

    public required double FitR2 { get; init; }

    public required int FitFolds { get; init; }

    /// <summary>The measurement CSV as the file writes it (relative to the profile file).</summary>
    public required string Measurements { get; init; }

    /// <summary>The measurement CSV resolved against the profile's folder.</summary>
    public required string MeasurementsPath { get; init; }

    /// <summary>The measured profile this one was extrapolated from (as written), or null.</summary>
    public string? ExtrapolatedFromProfile { get; init; }

    public string? ExtrapolationMethod { get; init; }

    public required DateOnly Created { get; init; }
}
