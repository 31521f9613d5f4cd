using Planner.Calibration.Benchmarking;

namespace Planner.Calibration.Import;

/// <summary>What an import cannot read from the file itself: which model and hardware the numbers are for, and where they come from.</summary>
public sealed record ImportSettings
{
    /// <summary>Catalog id of the model, for example <c>llama-3.1-8b</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Hardware id for paths and profiles, for example <c>h100-sxm</c> (the GPU's catalog id when there is one).</summary>
    public required string Hardware { get; init; }

    /// <summary>Catalog id of the GPU (null for CPUs or GPUs not in the catalog).</summary>
    public string? Gpu { get; init; }

    /// <summary>cpu or gpu.</summary>
    public string HardwareKind { get; init; } = "gpu";

    /// <summary>The serving engine or runtime that produced the numbers: vllm, tensorrt-llm, …</summary>
    public required string Engine { get; init; }

    /// <summary>Where the numbers come from (URL, paper, run), kept with every row.</summary>
    public required string Citation { get; init; }

    /// <summary>Layer count of the model (recorded in the metadata; imported times are already whole-model).</summary>
    public int? Layers { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Metadata of a measurement set imported with these settings by <paramref name="method"/>.</summary>
    internal MeasurementMetadata ToMetadata(string method, IReadOnlyList<ImportedSource> sources, IReadOnlyList<string>? notes = null) => new()
    {
        CreatedUtc = CreatedUtc,
        Model = Model,
        Method = method,
        Hardware = Hardware,
        HardwareKind = HardwareKind,
        Gpu = Gpu,
        ExecutionProvider = Engine,
        Layers = Layers,
        Sources = sources,
        Notes = notes ?? [],
    };
}
