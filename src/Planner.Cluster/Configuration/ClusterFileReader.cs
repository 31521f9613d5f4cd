using System.Globalization;
using System.Text.RegularExpressions;
using Planner.Scenarios.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Cluster.Configuration;

/// <summary>
/// Reads and checks a cluster file (a small YAML mapping); every problem is a located
/// diagnostic (file:line:col) that says what is allowed, and all of them are collected.
/// </summary>
public static partial class ClusterFileReader
{
    /// <summary>A cluster file is a handful of lines; anything larger is not one.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const string KeysAllowed = "clustering, redis, cluster_id, service_id";

    /// <summary>The cluster file at <paramref name="path"/>, or null and the reasons why not.</summary>
    public static ClusterFile? Read(string path, out IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        var found = new List<Diagnostic>();
        diagnostics = found;
        if (Directory.Exists(path) || !File.Exists(path))
        {
            found.Add(Error(path, 1, 1, Directory.Exists(path) ? $"cluster file {path} is a directory, not a file" : $"cluster file not found: {path}",
                "the path of a YAML file such as: clustering: redis / redis: 127.0.0.1:6379 / cluster_id: planner / service_id: planner"));
            return null;
        }
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            found.Add(Error(path, 1, 1, $"cluster file is larger than {MaxFileBytes / 1024} KiB", "a few lines of YAML"));
            return null;
        }
        return Parse(File.ReadAllText(path), path, out diagnostics);
    }

    /// <summary>Checks cluster-file text; <paramref name="displayPath"/> names it in diagnostics.</summary>
    public static ClusterFile? Parse(string text, string displayPath, out IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        var found = new List<Diagnostic>();
        diagnostics = found;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            found.Add(Error(displayPath, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + FirstLine(e.Message), "a mapping of " + KeysAllowed));
            return null;
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            YamlNode? node = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
            found.Add(Error(displayPath, Line(node), Column(node), "a cluster file is one YAML mapping", KeysAllowed));
            return null;
        }

        var values = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach ((YamlNode keyNode, YamlNode valueNode) in root.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (key is not ("clustering" or "redis" or "cluster_id" or "service_id"))
            {
                found.Add(Error(displayPath, Line(keyNode), Column(keyNode), $"unknown key '{key}'", "allowed: " + KeysAllowed));
                continue;
            }
            if (valueNode is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
            {
                found.Add(Error(displayPath, Line(valueNode), Column(valueNode), $"'{key}' needs a single value", Allowed(key)));
                continue;
            }
            values[key] = scalar;
        }

        if (!values.TryGetValue("clustering", out YamlScalarNode? clustering))
        {
            found.Add(Error(displayPath, Line(root), Column(root), "missing 'clustering'", Allowed("clustering")));
        }
        else if (clustering.Value is not (ClusterFile.RedisClustering or ClusterFile.KubernetesClustering))
        {
            found.Add(Error(displayPath, Line(clustering), Column(clustering), $"unknown clustering '{clustering.Value}'", Allowed("clustering")));
        }

        string? redis = null;
        if (!values.TryGetValue("redis", out YamlScalarNode? redisNode))
        {
            found.Add(Error(displayPath, Line(root), Column(root), "missing 'redis'", Allowed("redis")));
        }
        else if (!IsEndpoint(redisNode.Value!))
        {
            found.Add(Error(displayPath, Line(redisNode), Column(redisNode), $"'{redisNode.Value}' is not a host:port", Allowed("redis")));
        }
        else
        {
            redis = redisNode.Value!;
        }

        string clusterId = Id(values, "cluster_id", ClusterFile.DefaultClusterId, displayPath, found);
        string serviceId = Id(values, "service_id", ClusterFile.DefaultServiceId, displayPath, found);
        return found.Count == 0 && redis is not null ? new ClusterFile(displayPath, redis, clusterId, serviceId) { Clustering = clustering!.Value! } : null;
    }

    private static string Id(Dictionary<string, YamlScalarNode> values, string key, string fallback, string file, List<Diagnostic> found)
    {
        if (!values.TryGetValue(key, out YamlScalarNode? node))
        {
            return fallback;
        }
        if (!IdPattern().IsMatch(node.Value!))
        {
            found.Add(Error(file, Line(node), Column(node), $"'{key}' '{node.Value}' is not a usable id", Allowed(key)));
        }
        return node.Value!;
    }

    private static bool IsEndpoint(string value)
    {
        int colon = value.LastIndexOf(':');
        return colon > 0 && HostPattern().IsMatch(value[..colon])
            && int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535;
    }

    private static string Allowed(string key) => key switch
    {
        "clustering" => "allowed: redis (Orleans membership in a Redis server) or kubernetes (workers in Kubernetes pods, membership still in the Redis server)",
        "redis" => "host:port of the Redis server, for example 127.0.0.1:6379 or redis.internal:6379",
        _ => "1 to 64 letters, digits, '.', '_' or '-', for example planner",
    };

    private static Diagnostic Error(string file, int line, int column, string message, string? allowed) =>
        new(DiagnosticSeverity.Error, file, Math.Max(1, line), Math.Max(1, column), message, allowed);

    private static int Line(YamlNode? node) => node is null ? 1 : (int)node.Start.Line;

    private static int Column(YamlNode? node) => node is null ? 1 : (int)node.Start.Column;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9.-]{1,253}$")]
    private static partial Regex HostPattern();
}
