using System.Globalization;
using System.Text.Json;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// What calibration reads from files the user names: no file larger than anything Planner or the
/// tools it imports write (a 2 GiB measurement CSV ran for a minute into 8 GB of memory, and a 2
/// GiB metadata file ended in "out of memory" with advice for `planner bench`), and JSON problems
/// in the file's terms rather than the serializer's.
/// </summary>
public static class InputFileLimits
{
    /// <summary>Largest measurement or operator CSV read: 64 MiB (planner bench writes a few kilobytes; Vidur's largest table is under 10 MiB).</summary>
    public const long MaxTableBytes = 64L << 20;

    /// <summary>Largest JSON file read (a measurement's metadata, a vLLM result): 16 MiB.</summary>
    public const long MaxJsonBytes = 16L << 20;

    /// <summary>Refuses <paramref name="path"/> when it is larger than <paramref name="maxBytes"/>, before any of it is read.</summary>
    /// <exception cref="MeasurementFormatException">The file is too large.</exception>
    public static void Check(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        long bytes = new FileInfo(path).Length;
        if (bytes > maxBytes)
        {
            throw new MeasurementFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {Math.Ceiling(bytes / 104857.6) / 10:#,##0.0} MiB, larger than any {what} (allowed: up to {maxBytes >> 20} MiB)"));
        }
    }

    /// <summary>The serializer's problem in the file's terms (<see cref="Planner.Formats.Json.JsonProblem"/>); the caller names the line.</summary>
    public static string JsonProblem(JsonException e)
    {
        string message = Planner.Formats.Json.JsonProblem.Message(e);
        return Planner.Formats.Json.JsonProblem.EndsTooSoon(message) ? "the file ends before its JSON does (it is empty or cut short)" : message;
    }
}
