using System.Diagnostics;

namespace Planner.Cli.Tests;

/// <summary>
/// A run stopped by a signal says so, ends with the shell's code for the signal, and leaves the
/// folder's earlier run as it was (it ended with no word, and a user could not tell what was left).
/// </summary>
public sealed class InterruptTests
{
    [Fact]
    public void A_terminated_run_says_so_exits_143_and_leaves_the_earlier_run_byte_for_byte()
    {
        using var dir = new TempDir();
        string example = Path.Combine(RepoPaths.Root, "reports", "examples", "chat-seed-stage");
        string output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);
        foreach (string file in Directory.GetFiles(example))
        {
            File.Copy(file, Path.Combine(output, Path.GetFileName(file)));
        }
        Dictionary<string, byte[]> before = Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        string planner = Path.Combine(AppContext.BaseDirectory, "planner.dll");
        var start = new ProcessStartInfo("dotnet", [planner, "run", Path.Combine(RepoPaths.Root, "scenarios", "chat-seed-stage.yaml"), "--out", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        using var simulating = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
            if (e.Data?.Contains("Simulating", StringComparison.Ordinal) == true)
            {
                simulating.Set();
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Simulating", StringComparison.Ordinal) == true)
            {
                simulating.Set();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Assert.True(simulating.Wait(TimeSpan.FromSeconds(60)), "the run never started simulating");
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }
        Assert.True(process.WaitForExit(60_000));
        process.WaitForExit(); // the output handlers have run

        Assert.Equal(143, process.ExitCode);
        lock (stderr)
        {
            Assert.Contains("planner: interrupted (SIGTERM); files already in place are as they were", stderr.ToString(), StringComparison.Ordinal);
        }
        foreach ((string name, byte[] bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(output, name)));
        }
    }

    [Fact]
    public void The_message_claims_what_was_left_only_for_a_staged_run_and_says_when_the_move_finishes_first()
    {
        Assert.Equal("planner: interrupted (SIGINT)", Program.InterruptedMessage(System.Runtime.InteropServices.PosixSignal.SIGINT, staged: false, committing: false));
        Assert.StartsWith("planner: interrupted (SIGTERM); files already in place are as they were",
            Program.InterruptedMessage(System.Runtime.InteropServices.PosixSignal.SIGTERM, staged: true, committing: false), StringComparison.Ordinal);
        Assert.Equal("planner: interrupted (SIGHUP); the new files were being moved into place, and that move finishes first: the folder holds the new ones whole",
            Program.InterruptedMessage(System.Runtime.InteropServices.PosixSignal.SIGHUP, staged: true, committing: true));
        // Once the files are in place (the console's last lines still printing), it says so: not that nothing changed.
        Assert.Equal("planner: interrupted (SIGINT); the new files had already been moved into place: the folder holds the new run whole",
            Program.InterruptedMessage(System.Runtime.InteropServices.PosixSignal.SIGINT, staged: true, committing: false, progress: null, moved: true));
    }
}
