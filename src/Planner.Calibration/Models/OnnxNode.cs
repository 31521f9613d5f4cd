namespace Planner.Calibration.Models;

/// <summary>One operator in the graph (standard ONNX domain unless <see cref="Domain"/> says otherwise).</summary>
public sealed record OnnxNode
{
    public required string OpType { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Inputs { get; init; }

    public required IReadOnlyList<string> Outputs { get; init; }

    public IReadOnlyList<OnnxAttribute> Attributes { get; init; } = [];

    public string Domain { get; init; } = "";
}
