using Planner.Calibration.Onnx;

namespace Planner.Calibration.Tests.Support;

/// <summary>
/// One ONNX Runtime for all tests, loaded from the project's cache (tests/setup/onnxruntime.sh
/// puts it there), PLANNER_ORT_LIBRARY, or a known location.
/// </summary>
public sealed class OrtFixture : IDisposable
{
    public OrtFixture()
    {
        Runtime = OrtRuntime.Load();
    }

    public OrtRuntime Runtime { get; }

    public void Dispose() => Runtime.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OrtCollection : ICollectionFixture<OrtFixture>
{
    public const string Name = "onnxruntime";
}
