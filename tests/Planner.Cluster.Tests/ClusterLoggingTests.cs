using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Planner.Cluster.Tests;

/// <summary>Orleans' log lines as `planner worker` prints them: one line each, an exception by its message, never its stack.</summary>
public sealed class ClusterLoggingTests
{
    [Fact]
    public void AFailureIsOneLineNamingWhatFailedWithoutAStackTraceOrTheLibrarysAdvice()
    {
        // What StackExchange.Redis throws when nothing listens at the cluster file's redis address.
        Exception thrown;
        try
        {
            throw new InvalidOperationException("Connection to the membership table failed",
                new TimeoutException("It was not possible to connect to the redis server(s). Error connecting right now. To allow this multiplexer to continue retrying until it's able to connect, use abortConnect=false in your connection string or AbortOnConnectFail=false; in your code."));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }
        var entry = new LogEntry<string>(LogLevel.Error, "Orleans.Runtime.MembershipService", new EventId(1), "Membership failed to start\nretrying", thrown, (s, _) => s);
        using var text = new StringWriter();
        new OneLineConsoleFormatter().Write(entry, null, text);

        Assert.Equal("fail: Orleans.Runtime.MembershipService: Membership failed to start retrying (It was not possible to connect to the redis server(s). Error connecting right now.)" + Environment.NewLine, text.ToString());
    }
}
