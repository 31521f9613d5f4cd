namespace Planner.Calibration.Models;

/// <summary>One dimension of a graph input or output: a fixed size, or a name (<c>batch</c>) bound when the model runs.</summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? value, string? name)
    {
        Value = value;
        Name = name;
    }

    public long? Value { get; }

    public string? Name { get; }

    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Symbolic(string name) => new(null, name);

    public static implicit operator OnnxDimension(long value) => Fixed(value);

    public static implicit operator OnnxDimension(string name) => Symbolic(name);

    public override string ToString() => Name ?? Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
