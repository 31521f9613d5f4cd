namespace Planner.Calibration.Models;

/// <summary>A node attribute: an integer, a float, a list of integers or a string.</summary>
public sealed record OnnxAttribute
{
    public required string Name { get; init; }

    public long? Int { get; init; }

    public float? Float { get; init; }

    public IReadOnlyList<long>? Ints { get; init; }

    public string? String { get; init; }

    public static OnnxAttribute Of(string name, long value) => new() { Name = name, Int = value };

    public static OnnxAttribute Of(string name, float value) => new() { Name = name, Float = value };

    public static OnnxAttribute OfInts(string name, params long[] values) => new() { Name = name, Ints = values };

    public static OnnxAttribute Of(string name, string value) => new() { Name = name, String = value };
}
