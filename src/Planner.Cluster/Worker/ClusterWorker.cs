using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Planner.Cluster.Configuration;

namespace Planner.Cluster.Worker;

/// <summary><c>planner worker</c>: an Orleans silo that simulates the windows clients send it, until stopped.</summary>
public static class ClusterWorker
{
    /// <summary>A unit may simulate for many minutes; Orleans' 30-second default would give up on it.</summary>
    internal static readonly TimeSpan ResponseTimeout = TimeSpan.FromHours(2);

    /// <summary>Runs the silo until <paramref name="stop"/> fires or the process is asked to stop; 0 on a clean stop, 1 when it cannot join.</summary>
    public static async Task<int> RunAsync(ClusterFile cluster, WorkerSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        // In a pod the silo is named after the pod, as Orleans' Kubernetes hosting names it: that is how it matches silos to pods.
        string name = cluster.OnKubernetes
            ? Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodNameEnvironmentVariable) ?? Environment.MachineName
            : string.Create(CultureInfo.InvariantCulture, $"worker-{Environment.MachineName}-{Environment.ProcessId}");
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ClusterLogging.Configure(builder.Logging);
        // A host that cannot start logs the exception with its stack; the worker says why in one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<PreparedScenarios>();
        builder.Services.AddSingleton<PreparedOptimizations>();
        builder.Services.AddSingleton(new WorkerSlots(settings.Cores));
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(cluster.RedisEndpoint);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (cluster.OnKubernetes)
            {
                // The pod's name, IP and namespace come from its environment (POD_NAME, POD_IP, POD_NAMESPACE);
                // the silo listens on every interface and advertises the pod's IP. Silos of deleted pods are declared dead.
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = settings.SiloPort;
                    o.GatewayPort = settings.GatewayPort;
                });
                silo.UseKubernetesHosting();
            }
            else
            {
                silo.Configure<SiloOptions>(o => o.SiloName = name);
                silo.ConfigureEndpoints(IPAddress.Parse(settings.Address), settings.SiloPort, settings.GatewayPort);
            }
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            // A worker that vanishes holds units; the sooner it is declared dead, the sooner clients stop routing to it.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                // Simulating keeps every core busy, which Orleans would read as its own ill health and stop voting.
                o.ExtendProbeTimeoutDuringDegradation = false;
            });
        });
        // Not disposed: disposing after an unclean stop can block, and the process ends right after.
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"error: worker could not join cluster '{cluster.ClusterId}' through Redis at {cluster.RedisEndpoint} ({cluster.Path}): {ClusterLogging.Describe(e)}");
            return 1;
        }
        string where = cluster.OnKubernetes
            ? $"Kubernetes pod {name}, advertising {Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodIPEnvironmentVariable) ?? "the pod's address"}"
            : $"listening on {settings.Address}";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} joined cluster '{cluster.ClusterId}' (Redis {cluster.RedisEndpoint}); {where}:{settings.SiloPort}, clients on port {settings.GatewayPort}; {settings.Cores} window(s) at a time. Ctrl+C stops it."));
        stdout.Flush();
        // Not WaitForShutdownAsync: it stops the host without a time limit, which hangs when Redis is gone.
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => asked.TrySetResult()))
        using (stop.Register(() => asked.TrySetResult()))
        {
            await asked.Task;
        }
        // Leaving updates the membership table; with Redis gone that can hang, and a stopped worker must still exit.
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Task stopping = host.StopAsync(leave.Token);
        if (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(15), CancellationToken.None)) != stopping || !stopping.IsCompletedSuccessfully)
        {
            stderr.WriteLine($"warning: {name} stopped without leaving the cluster cleanly (is Redis at {cluster.RedisEndpoint} still up?); the others will declare it dead.");
            return 0;
        }
        stdout.WriteLine($"{name} left the cluster.");
        return 0;
    }
}
