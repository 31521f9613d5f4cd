using System.Globalization;

namespace Planner.Scenarios.Files;

/// <summary>
/// Reads the files Planner takes as input (scenarios, catalogs, performance profiles, traces) with
/// a bound on their size and on the time the read may take, and tells a directory, a missing file,
/// an unreadable one and one that is too large apart, so that each gets a message of its own.
/// Never throws for anything a user can name.
/// </summary>
public static class InputFile
{
    /// <summary>
    /// How long one read may take. A regular file under the size limits reads in milliseconds; what
    /// takes longer is a pipe or device that may never answer (its open call cannot be interrupted,
    /// so the read is left behind on a worker thread and the file reported as unreadable).
    /// </summary>
    public static TimeSpan ReadTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of the file at <paramref name="path"/>.</summary>
    public static InputFileResult Read(string path, long maxBytes) => Read(path, maxBytes, ReadTimeout);

    internal static InputFileResult Read(string path, long maxBytes, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FirstControlCharacter(path) is not null)
        {
            // The operating system cannot name such a file; a scenario's paths are checked (with a position) before this.
            return new InputFileResult(InputFileStatus.NotFound, null, null);
        }
        if (Directory.Exists(path))
        {
            return new InputFileResult(InputFileStatus.Directory, null, null);
        }
        if (!File.Exists(path))
        {
            return new InputFileResult(InputFileStatus.NotFound, null, null);
        }
        Task<InputFileResult> reading = Task.Run(() => ReadBounded(path, maxBytes));
        if (!reading.Wait(timeout))
        {
            return new InputFileResult(InputFileStatus.TimedOut, null, null);
        }
        return reading.Result;
    }

    /// <summary>The index of the first control character (NUL, a line break, DEL…) in a path as written, or null when there is none.</summary>
    public static int? FirstControlCharacter(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (int i = 0; i < path.Length; i++)
        {
            if (char.IsControl(path[i]))
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>A control character as the user can look it up: <c>U+0000</c>.</summary>
    public static string DescribeCharacter(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static InputFileResult ReadBounded(string path, long maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                return new InputFileResult(InputFileStatus.TooLarge, null, null);
            }
            // Devices and pipes have no length: read one byte past the limit to know it was passed.
            var buffer = new MemoryStream();
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return new InputFileResult(InputFileStatus.TooLarge, null, null);
                }
            }
            return new InputFileResult(InputFileStatus.Read, buffer.ToArray(), null);
        }
        catch (FileNotFoundException)
        {
            return new InputFileResult(InputFileStatus.NotFound, null, null);
        }
        catch (DirectoryNotFoundException)
        {
            return new InputFileResult(InputFileStatus.NotFound, null, null);
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            return new InputFileResult(InputFileStatus.Directory, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new InputFileResult(InputFileStatus.Unreadable, null, e.Message);
        }
    }
}
