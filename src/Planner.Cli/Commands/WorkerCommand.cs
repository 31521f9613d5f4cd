using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Planner.Cluster.Configuration;
using Planner.Cluster.Worker;

namespace Planner.Cli.Commands;

/// <summary><c>planner worker --cluster FILE</c>: join a cluster and simulate the windows its clients send, until stopped.</summary>
public static class WorkerCommand
{
    /// <summary>Fixed ports in a pod (Orleans' usual ones), so that a manifest can name them.</summary>
    internal const int KubernetesSiloPort = 11111;

    internal const int KubernetesGatewayPort = 30000;

    /// <summary>Set by Kubernetes in every pod (and needed by its client library to reach the API server).</summary>
    private const string KubernetesServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cluster = new Option<string>("--cluster") { Description = "Cluster file (YAML: clustering: redis or kubernetes, redis: HOST:PORT, cluster_id, service_id)", Required = true };
        var address = new Option<string>("--address")
        {
            Description = "IP address this worker listens on and other machines reach it at (default 127.0.0.1: one machine only; with clustering: kubernetes, the pod's IP, and the option is refused)",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port")
        {
            Description = $"Port for traffic between workers (default: a free one; {KubernetesSiloPort} with clustering: kubernetes)", DefaultValueFactory = _ => 0,
        };
        var gatewayPort = new Option<int>("--gateway-port")
        {
            Description = $"Port clients connect to (default: a free one; {KubernetesGatewayPort} with clustering: kubernetes)", DefaultValueFactory = _ => 0,
        };
        var cores = new Option<int>("--cores") { Description = "Windows simulated at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("worker", "Join a Planner cluster and simulate the windows that `planner run --cluster` sends, until stopped (Ctrl+C)")
        {
            cluster, address, port, gatewayPort, cores,
        };
        command.SetAction(parse => Execute(parse.GetValue(cluster)!, parse.GetResult(address) is { Implicit: false } ? parse.GetValue(address)! : null,
            parse.GetValue(port), parse.GetValue(gatewayPort), parse.GetValue(cores), stdout, stderr));
        return command;
    }

    // address: null when not given (127.0.0.1, or the pod's IP on Kubernetes).
    private static int Execute(string clusterPath, string? givenAddress, int port, int gatewayPort, int cores, TextWriter stdout, TextWriter stderr)
    {
        string address = givenAddress ?? "127.0.0.1";
        bool ok = true;
        if (!IPAddress.TryParse(address, out IPAddress? ip))
        {
            stderr.WriteLine($"error: --address '{address}' is not an IP address (allowed: an IPv4 or IPv6 address of this machine, for example 127.0.0.1 or 10.0.0.12)");
            ok = false;
        }
        foreach ((string name, int value) in new[] { ("--port", port), ("--gateway-port", gatewayPort) })
        {
            if (value is < 0 or > 65535)
            {
                stderr.WriteLine($"error: {name} {value} is not a port (allowed: 1 to 65535, or 0 for a free one)");
                ok = false;
            }
        }
        if (cores is < 1 or > 4096)
        {
            stderr.WriteLine($"error: --cores {cores} is out of range (allowed: 1 to 4096)");
            ok = false;
        }
        ClusterFile? cluster = ClusterRun.ReadClusterFile(clusterPath, stderr);
        if (!ok || cluster is null || ip is null)
        {
            return ExitCodes.BadInput;
        }
        if (cluster.OnKubernetes)
        {
            return RunInPod(cluster, givenAddress, port, gatewayPort, cores, stdout, stderr);
        }
        return Run(cluster, new WorkerSettings(address, port == 0 ? FreePort(ip) : port, gatewayPort == 0 ? FreePort(ip) : gatewayPort, cores), stdout, stderr);
    }

    /// <summary>A worker of a <c>clustering: kubernetes</c> cluster: only inside a pod, which gives it its name and address.</summary>
    private static int RunInPod(ClusterFile cluster, string? givenAddress, int port, int gatewayPort, int cores, TextWriter stdout, TextWriter stderr)
    {
        bool ok = true;
        if (givenAddress is not null)
        {
            stderr.WriteLine($"error: --address {givenAddress}: with clustering: kubernetes ({cluster.Path}) a worker advertises its pod's IP (POD_IP) "
                + "(allowed: no --address; or clustering: redis with --address on machines outside Kubernetes)");
            ok = false;
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KubernetesServiceHostVariable)))
        {
            stderr.WriteLine($"error: {cluster.Path}: clustering: kubernetes runs workers inside Kubernetes pods, and {KubernetesServiceHostVariable} is not set here, so this is no pod "
                + "(allowed: a pod of src/Planner.Cluster/Deploy/kubernetes.yaml; or a cluster file with clustering: redis and `planner worker --address IP` on other machines)");
            ok = false;
        }
        if (!ok)
        {
            return ExitCodes.BadInput;
        }
        string podIp = Environment.GetEnvironmentVariable("POD_IP") ?? "";
        return Run(cluster, new WorkerSettings(podIp, port == 0 ? KubernetesSiloPort : port, gatewayPort == 0 ? KubernetesGatewayPort : gatewayPort, cores), stdout, stderr);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(ClusterFile cluster, WorkerSettings settings, TextWriter stdout, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();
        return ClusterWorker.RunAsync(cluster, settings, stdout, stderr, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>A port free on <paramref name="address"/> now (the operating system's choice).</summary>
    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
