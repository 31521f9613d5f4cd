namespace Planner.Scenarios.Yaml;

/// <summary>How the reader reads a number: any real number, or a whole one.</summary>
internal enum NumberKind
{
    Real,
    Integer,
}
