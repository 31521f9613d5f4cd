using System.Globalization;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Where an uncertain input's values go: a number written in the document (<see cref="Scalar"/>),
/// or a numeric key the reader accepts but the document leaves out (<see cref="Mapping"/> and
/// <see cref="Key"/>), with how the reader reads it.
/// </summary>
internal sealed class InputTarget
{
    public required InputPath Path { get; init; }

    public YamlScalarNode? Scalar { get; init; }

    public YamlMappingNode? Mapping { get; init; }

    public string? Key { get; init; }

    public required NumberKind Kind { get; init; }

    /// <summary>Where the input is declared (its item in <c>uncertainty.inputs</c>), for messages.</summary>
    public YamlNode At { get; set; } = null!;

    /// <summary>The input's own path in the scenario, for example <c>uncertainty.inputs[2]</c>.</summary>
    public string InputPath { get; set; } = "";

    /// <summary>True when both address the same place of the document (by another spelling, or through an alias).</summary>
    public bool SameValueAs(InputTarget other) =>
        Scalar is not null
            ? ReferenceEquals(Scalar, other.Scalar)
            : ReferenceEquals(Mapping, other.Mapping) && Key == other.Key;

    /// <summary>
    /// The text the reader gets for <paramref name="value"/>: the shortest round-trip form in the
    /// invariant culture, rounded to the nearest whole number (halves away from zero) where the
    /// reader reads an integer.
    /// </summary>
    public string Format(double value) =>
        (Kind == NumberKind.Integer ? Math.Round(value, MidpointRounding.AwayFromZero) : value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value in words for messages: as drawn, and as read when rounding changed it.</summary>
    public string Describe(double value)
    {
        string drawn = value.ToString("G6", CultureInfo.InvariantCulture);
        string read = Format(value);
        return Kind == NumberKind.Integer && read != value.ToString("R", CultureInfo.InvariantCulture) ? $"{drawn} (read as {read})" : drawn;
    }

    public void Apply(ValueOverrides overrides, double value)
    {
        if (Scalar is not null)
        {
            overrides.Replace(Scalar, Format(value));
        }
        else
        {
            overrides.Add(Mapping!, Key!, Format(value));
        }
    }
}
