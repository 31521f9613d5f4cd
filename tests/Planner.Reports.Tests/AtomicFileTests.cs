using Planner.Reports.Output;

namespace Planner.Reports.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void ReplacesContentAndLeavesNoTemporaryFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "planner-atomic-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "nested", "file.txt");
            AtomicFile.WriteAllText(path, "first");
            AtomicFile.WriteAllText(path, "second");
            Assert.Equal("second", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FailureLeavesTheOldFileIntact()
    {
        string dir = Path.Combine(Path.GetTempPath(), "planner-atomic-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "file.txt");
            AtomicFile.WriteAllText(path, "old");
            // A directory where the temp file's parent should be makes the write fail before the rename.
            Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(Path.Combine(path, "child.txt"), "new"));
            Assert.Equal("old", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
