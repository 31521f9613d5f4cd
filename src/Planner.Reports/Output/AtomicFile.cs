using System.Text;

namespace Planner.Reports.Output;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never a torn one:
/// the bytes go to a temporary file in the same folder, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content) => WriteAllBytes(path, Utf8NoBom.GetBytes(content));

    /// <summary>
    /// Null when a file can be written at <paramref name="path"/> (its folder is created, and a
    /// file is written there and deleted), else why not, in the operating system's words: checked
    /// before long work, so that a place that cannot be written is said at once.
    /// </summary>
    public static string? CannotWrite(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string probe = Path.Combine(folder, $".planner-write-check.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // The probe is this check's own: the message names the file the caller means to write.
            return $"no file can be created in {folder}: {e.Message.Replace(probe, Path.GetFullPath(path), StringComparison.Ordinal)}";
        }
    }

    public static void WriteAllBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
