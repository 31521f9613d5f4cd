namespace Planner.Calibration.Tests.Support;

/// <summary>
/// Tests that run ONNX Runtime sessions share one collection, so they run one after another: each
/// uses the machine's cores, and timing tests measure badly beside each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OrtCollection
{
    public const string Name = "onnxruntime";
}
