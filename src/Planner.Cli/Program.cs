using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Planner.Cli.Commands;
using Planner.Reports;
using Planner.Reports.Charts;
using Planner.Reports.Formatting;
using Planner.Reports.Output;

namespace Planner.Cli;

/// <summary>Entry point of the <c>planner</c> command.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // Ctrl+C, a kill or a closed terminal ended a run with no word: say what was left, then let
        // the signal end the process as the shell expects (exit code 128 + the signal: 130, 143, 129).
        bool staged = args.Length > 0 && args[0] is "run" or "report" or "optimize";
        void Interrupted(PosixSignalContext context) => SayInterrupted(context.Signal, staged);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupted);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupted);
        using PosixSignalRegistration hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Interrupted);
        return Run(args, System.Console.Out, System.Console.Error);
    }

    /// <summary>
    /// What an interrupted command leaves: a run's or a report's files are moved into place together
    /// (<see cref="OutputFolder.MovingIntoPlace"/>), so its folder holds the earlier files or, where the signal came
    /// during the move (which finishes first), the new ones; other commands' files are not staged, and
    /// nothing is claimed of them.
    /// </summary>
    /// <param name="signal">The signal that came.</param>
    /// <param name="staged">Whether the command stages its files (run, report, optimize).</param>
    /// <param name="committing">Whether files were being moved into place when it came.</param>
    /// <param name="progress">Where a command that writes several sets had got to (<see cref="Commands.PortfolioRun.Written(bool)"/>, <see cref="Commands.OptimizeCommand.Written(bool)"/>); null when it writes one.</param>
    /// <param name="moved">Whether the command had already moved its files into place.</param>
    internal static string InterruptedMessage(PosixSignal signal, bool staged, bool committing, string? progress = null, bool moved = false) =>
        $"planner: interrupted ({signal})" + (!staged ? ""
            : committing ? "; the new files were being moved into place, and that move finishes first: the folder holds the new ones whole" + (progress is null ? "" : $"; {progress}")
            : progress is not null ? $"; {progress}"
            : moved ? "; the new files had already been moved into place: the folder holds the new run whole"
            : "; files already in place are as they were, since a run's files are moved into place together "
                + "(a hidden .planner-staging folder left behind is removed by the next run into that folder)");

    private static void SayInterrupted(PosixSignal signal, bool staged)
    {
        try
        {
            System.Console.Error.WriteLine(Environment.NewLine + InterruptedMessage(signal, staged, OutputFolder.MovingIntoPlace,
                Commands.PortfolioRun.Written(OutputFolder.MovingIntoPlace) ?? Commands.OptimizeCommand.Written(OutputFolder.MovingIntoPlace),
                OutputFolder.MovedIntoPlace));
        }
        catch (IOException)
        {
            // A hung-up terminal cannot be written to: the signal still ends the process as it should.
        }
    }

    /// <summary>Runs the CLI with the given streams (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Planner: cost and capacity planning for AI model serving — API versus self-hosted GPUs.")
        {
            RunCommand.Create(stdout, stderr),
            OptimizeCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout, stderr),
            CatalogCommand.Create(stdout, stderr),
            BenchCommand.Create(stdout, stderr),
            CalibrateCommand.Create(stdout, stderr),
            BenchEngineCommand.Create(stdout, stderr),
            BenchRunCommand.Create(stdout, stderr),
            BenchClusterCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            ValidatePerformanceCommand.Create(stdout, stderr),
            SchemaCommand.Create(stdout, stderr),
            WorkerCommand.Create(stdout, stderr),
        };
        // The version is the build's (Directory.Build.props), the one the reports carry, whichever program hosts the CLI.
        foreach (VersionOption version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionPrinter(stdout);
        }
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            if (parse.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-') && !root.Subcommands.Any(c => c.Name == args[0]))
            {
                // "Required command was not provided." beside "Unrecognized command or argument 'x'." said one thing twice.
                string[] names = [.. root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];
                IReadOnlyList<string> near = Planner.Scenarios.Diagnostics.Suggestions.Close(args[0], names);
                string guess = near.Count == 0 ? "" : $" (did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?)";
                stderr.WriteLine($"error: '{args[0]}' is not a command{guess} (allowed: {string.Join(", ", names)})");
                stderr.WriteLine("Run 'planner --help' for the commands and their options.");
                return ExitCodes.BadInput;
            }
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {CommandLineChecks.Explain(error.Message)}");
            }
            stderr.WriteLine("Run 'planner --help' for the commands and their options.");
            return ExitCodes.BadInput;
        }
        if (CommandLineChecks.SuggestDirective(parse) is string completion)
        {
            // System.CommandLine would throw on it (exit 134 with a stack trace); a shell discards this line.
            stderr.WriteLine($"error: {completion}");
            return ExitCodes.BadInput;
        }
        if (CommandLineChecks.OptionTakenAsValue(parse) is string taken)
        {
            stderr.WriteLine($"error: {taken}");
            return ExitCodes.BadInput;
        }
        if (CommandLineChecks.RepeatedOption(parse, args) is string repeated)
        {
            stderr.WriteLine($"error: {repeated}");
            return ExitCodes.BadInput;
        }
        if (CommandLineChecks.UnknownOption(parse, args) is string unknown)
        {
            // A command that takes files would otherwise read the option as a file name.
            stderr.WriteLine($"error: {unknown}");
            return ExitCodes.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ChartFontMissingException e)
        {
            // The machine lacks the chart font: say which and how to install it, rather than write charts without text.
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (NonFiniteFigureException e)
        {
            // A bug, not a user's mistake: one line that says so, and no report with the figure in it.
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Prints <see cref="PlannerVersion.Current"/> for <c>--version</c>.</summary>
    private sealed class VersionPrinter(TextWriter stdout) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            stdout.WriteLine(PlannerVersion.Current);
            return ExitCodes.Ok;
        }
    }
}
