using System.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>Reading a file a user named: each way it can fail is told apart, and none blocks for long.</summary>
public sealed class InputFileTests
{
    [Fact]
    public void A_pipe_nobody_writes_to_times_out_instead_of_blocking()
    {
        string fifo = Path.Combine(TestFiles.NewDirectory(), "scenario.yaml");
        using (Process mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var clock = Stopwatch.StartNew();
        InputFileResult result = InputFile.Read(fifo, 1024, TimeSpan.FromMilliseconds(300));
        Assert.Equal(InputFileStatus.TimedOut, result.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_device_without_end_is_too_large_and_an_empty_one_is_read_empty()
    {
        Assert.Equal(InputFileStatus.TooLarge, InputFile.Read("/dev/zero", 4096).Status);
        InputFileResult empty = InputFile.Read("/dev/null", 4096);
        Assert.Equal(InputFileStatus.Read, empty.Status);
        Assert.Equal("", empty.Text());
    }

    [Fact]
    public void A_file_exactly_at_the_limit_is_read_and_one_byte_more_is_not()
    {
        string directory = TestFiles.NewDirectory();
        string at = Path.Combine(directory, "at.yaml"), over = Path.Combine(directory, "over.yaml");
        File.WriteAllBytes(at, new byte[100]);
        File.WriteAllBytes(over, new byte[101]);
        Assert.Equal(100, InputFile.Read(at, 100).Bytes!.Length);
        Assert.Equal(InputFileStatus.TooLarge, InputFile.Read(over, 100).Status);
        Assert.Equal(InputFileStatus.Directory, InputFile.Read(directory, 100).Status);
        Assert.Equal(InputFileStatus.NotFound, InputFile.Read(Path.Combine(directory, "none.yaml"), 100).Status);
        Assert.Equal(InputFileStatus.NotFound, InputFile.Read("a\0b.yaml", 100).Status);
    }
}
