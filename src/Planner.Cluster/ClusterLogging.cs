using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Planner.Cluster;

/// <summary>Orleans' own logging: warnings and errors only, on standard error, so that a run's output stays readable.</summary>
internal static class ClusterLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = false;
        });
        logging.AddFilter((category, level) => level >= LogLevel.Warning);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>The innermost message of an exception, in one line.</summary>
    public static string Describe(Exception e)
    {
        Exception inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner.Message.Split('\n')[0].Trim();
    }
}
