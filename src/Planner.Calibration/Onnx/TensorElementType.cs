namespace Planner.Calibration.Onnx;

/// <summary>Element types of tensors (ONNX's <c>TensorProto.DataType</c> numbering, which ONNX Runtime shares).</summary>
public enum TensorElementType
{
    Undefined = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    BFloat16 = 16,
}
