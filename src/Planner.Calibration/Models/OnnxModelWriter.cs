using Google.Protobuf;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>
/// Serializes a graph as an ONNX <c>ModelProto</c> with protobuf's wire format — only the fields
/// Planner's models use. Field numbers are those of onnx.proto (ONNX IR version 8).
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>ONNX IR version written (ONNX 1.12+, opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>Default opset of the standard domain.</summary>
    public const long DefaultOpset = 17;

    /// <summary>The external-data file the large initializers point into (<see cref="BuiltModel.CreateSession"/> writes it in a temporary folder and ONNX Runtime reads it from there).</summary>
    public const string ExternalLocation = "planner-generated-weights.bin";

    private const WireFormat.WireType Bytes = WireFormat.WireType.LengthDelimited;
    private const WireFormat.WireType Varint = WireFormat.WireType.Varint;

    public static byte[] Write(OnnxGraph graph, long opset = DefaultOpset, string producer = "planner")
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Message(o =>
        {
            // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8.
            o.WriteTag(1, Varint);
            o.WriteInt64(IrVersion);
            o.WriteTag(2, Bytes);
            o.WriteString(producer);
            Nested(o, 7, Graph(graph));
            Nested(o, 8, Message(op =>
            {
                // OperatorSetIdProto: domain = 1, version = 2.
                op.WriteTag(1, Bytes);
                op.WriteString("");
                op.WriteTag(2, Varint);
                op.WriteInt64(opset);
            }));
        });
    }

    private static byte[] Graph(OnnxGraph g) => Message(o =>
    {
        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        foreach (OnnxNode n in g.Nodes)
        {
            Nested(o, 1, Node(n));
        }
        o.WriteTag(2, Bytes);
        o.WriteString(g.Name);
        foreach (OnnxInitializer t in g.Initializers)
        {
            Nested(o, 5, Tensor(t));
        }
        foreach (OnnxValueInfo v in g.Inputs)
        {
            Nested(o, 11, ValueInfo(v));
        }
        foreach (OnnxValueInfo v in g.Outputs)
        {
            Nested(o, 12, ValueInfo(v));
        }
    });

    private static byte[] Node(OnnxNode n) => Message(o =>
    {
        // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7.
        foreach (string i in n.Inputs)
        {
            o.WriteTag(1, Bytes);
            o.WriteString(i);
        }
        foreach (string output in n.Outputs)
        {
            o.WriteTag(2, Bytes);
            o.WriteString(output);
        }
        o.WriteTag(3, Bytes);
        o.WriteString(n.Name);
        o.WriteTag(4, Bytes);
        o.WriteString(n.OpType);
        foreach (OnnxAttribute a in n.Attributes)
        {
            Nested(o, 5, Attribute(a));
        }
        if (n.Domain.Length > 0)
        {
            o.WriteTag(7, Bytes);
            o.WriteString(n.Domain);
        }
    });

    private static byte[] Attribute(OnnxAttribute a) => Message(o =>
    {
        // AttributeProto: name = 1, f = 2, i = 3, s = 4, ints = 8, type = 20
        // (AttributeType FLOAT = 1, INT = 2, STRING = 3, INTS = 7).
        o.WriteTag(1, Bytes);
        o.WriteString(a.Name);
        int type;
        if (a.Float is float f)
        {
            o.WriteTag(2, WireFormat.WireType.Fixed32);
            o.WriteFloat(f);
            type = 1;
        }
        else if (a.Int is long i)
        {
            o.WriteTag(3, Varint);
            o.WriteInt64(i);
            type = 2;
        }
        else if (a.String is string s)
        {
            o.WriteTag(4, Bytes);
            o.WriteBytes(ByteString.CopyFromUtf8(s));
            type = 3;
        }
        else if (a.Ints is { } ints)
        {
            foreach (long v in ints)
            {
                o.WriteTag(8, Varint);
                o.WriteInt64(v);
            }
            type = 7;
        }
        else
        {
            throw new ArgumentException($"attribute '{a.Name}' has no value", nameof(a));
        }
        o.WriteTag(20, Varint);
        o.WriteEnum(type);
    });

    private static byte[] Tensor(OnnxInitializer t) => Message(o =>
    {
        // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9, external_data = 13, data_location = 14.
        foreach (long d in t.Shape)
        {
            o.WriteTag(1, Varint);
            o.WriteInt64(d);
        }
        o.WriteTag(2, Varint);
        o.WriteInt32((int)t.ElementType);
        o.WriteTag(8, Bytes);
        o.WriteString(t.Name);
        if (t.Data is { } data)
        {
            o.WriteTag(9, Bytes);
            o.WriteBytes(UnsafeByteOperations.UnsafeWrap(data));
            return;
        }
        long length = t.ElementCount * HostTensor.ElementSize(t.ElementType);
        Nested(o, 13, Entry("location", ExternalLocation));
        Nested(o, 13, Entry("offset", t.ExternalOffset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Nested(o, 13, Entry("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        o.WriteTag(14, Varint);
        o.WriteEnum(1); // DataLocation.EXTERNAL
    });

    private static byte[] Entry(string key, string value) => Message(o =>
    {
        // StringStringEntryProto: key = 1, value = 2.
        o.WriteTag(1, Bytes);
        o.WriteString(key);
        o.WriteTag(2, Bytes);
        o.WriteString(value);
    });

    private static byte[] ValueInfo(OnnxValueInfo v) => Message(o =>
    {
        // ValueInfoProto: name = 1, type = 2. TypeProto: tensor_type = 1.
        // TypeProto.Tensor: elem_type = 1, shape = 2. TensorShapeProto: dim = 1.
        // Dimension: dim_value = 1, dim_param = 2.
        o.WriteTag(1, Bytes);
        o.WriteString(v.Name);
        byte[] shape = Message(s =>
        {
            foreach (OnnxDimension d in v.Shape)
            {
                Nested(s, 1, Message(dim =>
                {
                    if (d.Name is string name)
                    {
                        dim.WriteTag(2, Bytes);
                        dim.WriteString(name);
                    }
                    else
                    {
                        dim.WriteTag(1, Varint);
                        dim.WriteInt64(d.Value!.Value);
                    }
                }));
            }
        });
        byte[] tensorType = Message(t =>
        {
            t.WriteTag(1, Varint);
            t.WriteInt32((int)v.ElementType);
            Nested(t, 2, shape);
        });
        Nested(o, 2, Message(type => Nested(type, 1, tensorType)));
    });

    private static void Nested(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, Bytes);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            write(output);
            output.Flush();
        }
        return stream.ToArray();
    }
}
