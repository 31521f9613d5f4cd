using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Planner.Cluster;

/// <summary>Orleans' own logging: warnings and errors only, on standard error, so that a run's output stays readable.</summary>
internal static class ClusterLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.Name);
        logging.AddConsoleFormatter<OneLineConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        logging.AddFilter((category, level) => level >= LogLevel.Warning);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>
    /// The innermost message of an exception, in one line, without advice meant for the library's
    /// programmers (StackExchange.Redis ends a failed connection with "use abortConnect=false in your
    /// connection string", which a user of `planner worker` cannot act on).
    /// </summary>
    public static string Describe(Exception e)
    {
        Exception inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        string line = inner.Message.Split('\n')[0].Trim();
        int advice = line.IndexOf(" To allow this multiplexer", StringComparison.Ordinal);
        return advice > 0 ? line[..advice].Trim() : line;
    }
}
