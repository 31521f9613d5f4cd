using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Planner.Cli.Tests.Fuzzing;

/// <summary>
/// A copy of the bundled scenarios folder (scenarios, catalog, traces) in which mutants are written
/// beside the file they came from, so that the paths they name resolve as the original's do; and
/// the two ways a mutant is tried: <c>validate</c> in-process, <c>run</c> as the real command.
/// </summary>
internal sealed partial class FuzzWorkspace : IDisposable
{
    private readonly TempDir _dir = new();

    public FuzzWorkspace()
    {
        CopyDirectory(System.IO.Path.Combine(RepoPaths.Root, "scenarios"), _dir.Path);
    }

    public string Path => _dir.Path;

    /// <summary>The bundled scenarios, by file name.</summary>
    public IReadOnlyDictionary<string, string> Bundled { get; } = Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "scenarios"), "*.yaml")
        .Order(StringComparer.Ordinal)
        .ToDictionary(f => System.IO.Path.GetFileName(f), File.ReadAllText);

    public void Dispose() => _dir.Dispose();

    /// <summary>What <c>planner validate</c> did with one file, in-process, within <paramref name="limit"/>.</summary>
    public static async Task<(CliRun? Run, TimeSpan Elapsed, Exception? Thrown)> ValidateAsync(string file, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        Task<CliRun> validating = Task.Run(() => CliRun.Invoke("validate", file));
        try
        {
            CliRun run = await validating.WaitAsync(limit);
            return (run, clock.Elapsed, null);
        }
        catch (TimeoutException)
        {
            // The task is left running: a hang is the finding, reported by the caller.
            return (null, clock.Elapsed, null);
        }
        catch (Exception e)
        {
            return (null, clock.Elapsed, e);
        }
    }

    /// <summary>
    /// <c>planner run FILE --out OUT</c> as its own process (a runaway can be stopped): exit code,
    /// both streams, and whether it finished within <paramref name="limit"/>.
    /// </summary>
    public static (int ExitCode, string Output, bool Finished, TimeSpan Elapsed) Run(string file, string output, TimeSpan limit)
    {
        var start = new ProcessStartInfo(System.IO.Path.Combine(AppContext.BaseDirectory, "planner"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(file)!,
        };
        foreach (string arg in (string[])["run", file, "--out", output])
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        bool finished = process.WaitForExit(limit);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (finished ? process.ExitCode : -1, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult(), finished, clock.Elapsed);
    }

    /// <summary>Whether every error line is located (<c>FILE:LINE:COL: error: </c>); false when there is none at all.</summary>
    public static bool ErrorsAreLocated(string stderr)
    {
        string[] errors = stderr.Split('\n').Where(l => l.Contains("error:", StringComparison.Ordinal)).ToArray();
        return errors.Length > 0 && errors.All(l => LocatedError().IsMatch(l));
    }

    /// <summary>A .NET stack trace or an unhandled-exception banner anywhere in the output.</summary>
    public static bool HasStackTrace(string text) =>
        text.Contains("\n   at ", StringComparison.Ordinal) || text.StartsWith("   at ", StringComparison.Ordinal)
        || text.Contains("Unhandled exception", StringComparison.Ordinal) || text.Contains("Stack overflow", StringComparison.Ordinal);

    [GeneratedRegex(@"^\S.*?:\d+:\d+: error: \S")]
    private static partial Regex LocatedError();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }
        foreach (string directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
        }
    }
}
