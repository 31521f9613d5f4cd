namespace Planner.Reports.Tests;

/// <summary>A fresh folder under the temp path, deleted with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("planner-test-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
