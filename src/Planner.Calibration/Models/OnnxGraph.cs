using Microsoft.ML.OnnxRuntime.Tensors;
using System.Globalization;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>A graph under construction: inputs, outputs, nodes in topological order, initializers; node names are generated.</summary>
public sealed class OnnxGraph
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraph(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    public IReadOnlyList<OnnxValueInfo> Inputs => _inputs;

    public IReadOnlyList<OnnxValueInfo> Outputs => _outputs;

    public IReadOnlyList<OnnxInitializer> Initializers => _initializers;

    public string AddInput(string name, TensorElementType type, params OnnxDimension[] shape)
    {
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, type, shape));
        return name;
    }

    public void AddOutput(string name, TensorElementType type, params OnnxDimension[] shape) =>
        _outputs.Add(new OnnxValueInfo(name, type, shape));

    public string AddInitializer(OnnxInitializer initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        Claim(initializer.Name);
        _initializers.Add(initializer);
        return initializer.Name;
    }

    /// <summary>A small int64 constant (shapes, axes), stored in the model.</summary>
    public string Int64s(string name, params long[] values) => AddInitializer(new OnnxInitializer
    {
        Name = name,
        ElementType = TensorElementType.Int64,
        Shape = [values.Length],
        Data = values.SelectMany(BitConverter.GetBytes).ToArray(),
    });

    /// <summary>Adds a node with one output, named from <paramref name="output"/> or generated; returns the output's name.</summary>
    public string Op(string opType, IReadOnlyList<string> inputs, string? output = null, params OnnxAttribute[] attributes) =>
        OpWithOutputs(opType, inputs, [output ?? Fresh(opType)], attributes)[0];

    /// <summary>Adds a node with several outputs; returns their names.</summary>
    public IReadOnlyList<string> OpWithOutputs(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        foreach (string o in outputs)
        {
            Claim(o);
        }
        _nodes.Add(new OnnxNode
        {
            OpType = opType,
            Name = string.Create(CultureInfo.InvariantCulture, $"{opType}_{_nodes.Count}"),
            Inputs = inputs,
            Outputs = outputs,
            Attributes = attributes,
        });
        return outputs;
    }

    /// <summary>A new value name with the given stem.</summary>
    public string Fresh(string stem) => string.Create(CultureInfo.InvariantCulture, $"{stem.ToLowerInvariant()}_{_counter++}");

    private void Claim(string name)
    {
        if (!_names.Add(name))
        {
            throw new ArgumentException($"value '{name}' is defined twice in graph '{Name}'", nameof(name));
        }
    }
}
