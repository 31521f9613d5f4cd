using Planner.Cluster.Configuration;
using YamlDotNet.RepresentationModel;

namespace Planner.Cluster.Tests;

/// <summary>
/// The shipped Kubernetes manifest agrees with Planner: its cluster file reads without a problem,
/// the pods carry what Orleans' Kubernetes hosting reads, and the ports and ids match. It was never
/// applied to a real Kubernetes cluster; this checks only what can be checked without one.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string ManifestPath = Path.Combine(RepoPaths.Root, "src", "Planner.Cluster", "Deploy", "kubernetes.yaml");

    private static readonly IReadOnlyList<YamlMappingNode> Documents = Load();

    [Fact]
    public void Every_document_is_a_named_kubernetes_object()
    {
        Assert.Equal(
            ["ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Deployment", "Service", "PersistentVolumeClaim", "Deployment", "Job"],
            Documents.Select(d => Text(d, "kind")));
        Assert.All(Documents, d => Assert.False(string.IsNullOrEmpty(Text(d, "apiVersion"))));
        Assert.All(Documents, d => Assert.False(string.IsNullOrEmpty(Text(d, "metadata", "name"))));
    }

    [Fact]
    public void Its_cluster_file_is_a_kubernetes_cluster_whose_redis_is_the_manifests_service()
    {
        ClusterFile file = ClusterFile();
        YamlMappingNode redis = Object("Service", "planner-redis");

        Assert.True(file.OnKubernetes);
        string port = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)redis["spec"]["ports"])[0])["port"]).Value!;
        Assert.Equal($"planner-redis:{port}", file.RedisEndpoint);
    }

    [Fact]
    public void Worker_pods_carry_what_orleans_kubernetes_hosting_reads()
    {
        ClusterFile file = ClusterFile();
        YamlMappingNode template = (YamlMappingNode)Object("Deployment", "planner-worker")["spec"]["template"];
        var labels = (YamlMappingNode)template["metadata"]["labels"];
        var container = (YamlMappingNode)((YamlSequenceNode)template["spec"]["containers"])[0];

        Assert.Equal(file.ClusterId, Text(labels, "orleans/clusterId"));
        Assert.Equal(file.ServiceId, Text(labels, "orleans/serviceId"));
        Assert.Equal("planner-worker", Text((YamlMappingNode)template["spec"], "serviceAccountName"));
        var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"), e => Text(e, "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.name", env["POD_NAME"]);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", env["POD_IP"]);
        Assert.Equal(["worker", "--cluster", "/config/cluster.yaml", "--cores", "8"], Strings(container["args"]));
        // The ports a worker in a pod listens on when none is given.
        Assert.Equal(["11111", "30000"], ((YamlSequenceNode)container["ports"]).Cast<YamlMappingNode>().Select(p => Text(p, "containerPort")));
        YamlMappingNode rule = (YamlMappingNode)((YamlSequenceNode)Object("Role", "planner-worker")["rules"])[0];
        Assert.Equal(["pods"], Strings(rule["resources"]));
        Assert.Equal(["get", "watch", "list", "patch"], Strings(rule["verbs"]));
    }

    [Fact]
    public void Images_name_no_registry_host()
    {
        IEnumerable<string> images = Documents.SelectMany(Descendants).OfType<YamlMappingNode>()
            .Where(m => m.Children.ContainsKey(new YamlScalarNode("image"))).Select(m => Text(m, "image"));

        Assert.All(images, image => Assert.DoesNotContain('/', image));
    }

    private static ClusterFile ClusterFile()
    {
        string text = Text(Object("ConfigMap", "planner-cluster"), "data", "cluster.yaml");
        ClusterFile? file = ClusterFileReader.Parse(text, "kubernetes.yaml#cluster.yaml", out var diagnostics);
        Assert.Empty(diagnostics);
        return file!;
    }

    private static YamlMappingNode Object(string kind, string name) =>
        Assert.Single(Documents, d => Text(d, "kind") == kind && Text(d, "metadata", "name") == name);

    private static string Text(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (string key in path)
        {
            current = ((YamlMappingNode)current)[key];
        }
        return ((YamlScalarNode)current).Value!;
    }

    private static string[] Strings(YamlNode sequence) => [.. ((YamlSequenceNode)sequence).Cast<YamlScalarNode>().Select(s => s.Value!)];

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.Values.SelectMany(Descendants).Prepend(m),
        YamlSequenceNode s => s.Children.SelectMany(Descendants).Prepend(s),
        _ => [node],
    };

    private static IReadOnlyList<YamlMappingNode> Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(ManifestPath)));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }
}
