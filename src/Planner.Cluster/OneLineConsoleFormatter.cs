using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Planner.Cluster;

/// <summary>
/// Orleans' log lines as one line each, <c>warn: Category: message (what failed)</c>: an exception is
/// named by its innermost message (<see cref="ClusterLogging.Describe"/>), never by its stack trace,
/// which `planner worker` printed four times over when Redis could not be reached.
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "planner-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        // Orleans' advice to turn on the server GC: planner runs with the workstation GC (see
        // Planner.Cli.csproj), which a user cannot change, so the two lines are only noise to them.
        if ((string.IsNullOrEmpty(message) && logEntry.Exception is null) || message.Contains("ServerGC", StringComparison.Ordinal))
        {
            return;
        }
        string level = logEntry.LogLevel switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            LogLevel.Information => "info",
            _ => "dbug",
        };
        string text = message.ReplaceLineEndings(" ").Trim();
        if (logEntry.Exception is { } e)
        {
            text += $" ({ClusterLogging.Describe(e)})";
        }
        textWriter.WriteLine($"{level}: {logEntry.Category}: {text}");
    }
}
