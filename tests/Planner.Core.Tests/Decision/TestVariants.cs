using Planner.Core.Decision;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Decision;

/// <summary>A variant factory for tests: each input's value is applied by a function of the spec.</summary>
internal sealed class TestVariants(ScenarioSpec template, params (UncertainInputSpec Input, Func<ScenarioSpec, double, ScenarioSpec> Apply)[] inputs)
    : IScenarioVariantFactory
{
    public ScenarioSpec Base { get; } = template with
    {
        Uncertainty = new UncertaintySpec { Inputs = [.. inputs.Select(i => i.Input)] },
    };

    public ScenarioSpec Create(IReadOnlyList<double> values)
    {
        ScenarioSpec spec = Base;
        for (int i = 0; i < inputs.Length; i++)
        {
            spec = inputs[i].Apply(spec, values[i]);
        }
        return spec;
    }

    public static UncertainInputSpec Input(string path, DistributionSpec distribution, InputEffect effect) =>
        new() { Path = path, Label = path, Distribution = distribution, Effect = effect };

    public static DistributionSpec Uniform(double min, double max) => new() { Kind = DistributionKind.Uniform, Min = min, Max = max };

    /// <summary>The option named <paramref name="name"/> replaced by <paramref name="change"/> of it.</summary>
    public static ScenarioSpec WithOption<T>(ScenarioSpec spec, string name, Func<T, T> change)
        where T : OptionSpec =>
        spec with { Options = [.. spec.Options.Select(o => o.Name == name ? change((T)o) : o)] };
}
