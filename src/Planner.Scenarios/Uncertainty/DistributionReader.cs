using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Uncertainty;

/// <summary>
/// Reads the distribution of an uncertain input from the keys beside its <c>distribution</c>:
/// uniform (min, max), triangular and PERT (min, mode, max), normal (mean, sd), lognormal
/// (median and p95, or mean and sd) and discrete (values, optional weights).
/// </summary>
internal static class DistributionReader
{
    private static readonly KeyValuePair<string, DistributionKind>[] Kinds =
    [
        new("uniform", DistributionKind.Uniform), new("triangular", DistributionKind.Triangular), new("pert", DistributionKind.Pert),
        new("normal", DistributionKind.Normal), new("lognormal", DistributionKind.Lognormal), new("discrete", DistributionKind.Discrete),
    ];

    /// <summary>The distribution, or null after reporting what is wrong; null without a report when <c>distribution</c> is not a known word (then the caller skips the unknown-key check).</summary>
    public static DistributionSpec? Read(MappingReader r, out bool kindKnown)
    {
        DistributionKind? kind = r.Choice("distribution", "distribution", Kinds, required: true);
        kindKnown = kind is not null;
        return kind switch
        {
            DistributionKind.Uniform => ReadUniform(r),
            DistributionKind.Triangular or DistributionKind.Pert => ReadThreePoint(r, kind.Value),
            DistributionKind.Normal => ReadNormal(r),
            DistributionKind.Lognormal => ReadLognormal(r),
            DistributionKind.Discrete => ReadDiscrete(r),
            _ => null,
        };
    }

    private static DistributionSpec? ReadUniform(MappingReader r)
    {
        double? min = r.Double("min", ValueRange.Any, required: true);
        double? max = r.Double("max", ValueRange.Any, required: true);
        if (min is null || max is null || !MaxAboveMin(r, min.Value, max.Value))
        {
            return null;
        }
        return new DistributionSpec { Kind = DistributionKind.Uniform, Min = min.Value, Max = max.Value };
    }

    private static DistributionSpec? ReadThreePoint(MappingReader r, DistributionKind kind)
    {
        double? min = r.Double("min", ValueRange.Any, required: true);
        double? mode = r.Double("mode", ValueRange.Any, required: true);
        double? max = r.Double("max", ValueRange.Any, required: true);
        if (min is null || mode is null || max is null)
        {
            return null;
        }
        bool ordered = MaxAboveMin(r, min.Value, max.Value);
        if (ordered && mode < min)
        {
            r.Context.Error(r.Get("mode")!, Messages.MustBeAtLeast(r.Path, "mode", mode.Value, "min", min.Value), Messages.AtLeastAllowed("mode", "min", min.Value));
            ordered = false;
        }
        else if (ordered && mode > max)
        {
            r.Context.Error(r.Get("max")!, Messages.MustBeAtLeast(r.Path, "max", max.Value, "mode", mode.Value), Messages.AtLeastAllowed("max", "mode", mode.Value));
            ordered = false;
        }
        return ordered ? new DistributionSpec { Kind = kind, Min = min.Value, Mode = mode.Value, Max = max.Value } : null;
    }

    private static DistributionSpec? ReadNormal(MappingReader r)
    {
        double? mean = r.Double("mean", ValueRange.Any, required: true);
        double? sd = r.Double("sd", ValueRange.Positive, required: true);
        return mean is null || sd is null
            ? null
            : new DistributionSpec { Kind = DistributionKind.Normal, Mean = mean.Value, StandardDeviation = sd.Value };
    }

    /// <summary>The same two forms as a lognormal token distribution; the spec holds μ and σ of ln X and the mean of X.</summary>
    private static DistributionSpec? ReadLognormal(MappingReader r)
    {
        (double Mu, double Sigma)? parameters = LognormalFit.Read(r);
        if (parameters is not { } p)
        {
            return null;
        }
        return new DistributionSpec
        {
            Kind = DistributionKind.Lognormal,
            LogMean = p.Mu,
            StandardDeviation = p.Sigma,
            Mean = Math.Exp(p.Mu + p.Sigma * p.Sigma / 2),
        };
    }

    /// <summary>Outcomes with weights (equal when none are given), the weights normalised to sum to 1.</summary>
    private static DistributionSpec? ReadDiscrete(MappingReader r)
    {
        IReadOnlyList<double>? values = r.Sequence("values", required: true) is { } valueList
            ? Numbers(r, valueList, r.PathOf("values"), ValueRange.Any, Messages.ValuesAllowed)
            : null;
        bool hasWeights = r.Has("weights");
        IReadOnlyList<double>? weights = r.Sequence("weights") is { } weightList
            ? Numbers(r, weightList, r.PathOf("weights"), ValueRange.NonNegative, Messages.DiscreteLengthsHint)
            : null;
        if (values is null || (hasWeights && weights is null))
        {
            return null;
        }
        weights ??= values.Select(_ => 1.0).ToArray();
        if (weights.Count != values.Count)
        {
            r.Context.Error(r.Get("weights")!, Messages.DiscreteLengths(r.Path, values.Count, weights.Count), Messages.DiscreteLengthsHint);
            return null;
        }
        double total = weights.Sum();
        if (total <= 0)
        {
            r.Context.Error(r.Get("weights")!, Messages.WeightsSumToZero(r.PathOf("weights")), Messages.WeightsHint);
            return null;
        }
        return new DistributionSpec
        {
            Kind = DistributionKind.Discrete,
            Values = values,
            Weights = weights.Select(w => w / total).ToArray(),
        };
    }

    /// <summary>A non-empty list of numbers in a range, or null after reporting every bad item.</summary>
    private static IReadOnlyList<double>? Numbers(MappingReader r, YamlSequenceNode list, string path, ValueRange range, string emptyAllowed)
    {
        if (list.Children.Count == 0)
        {
            r.Context.Error(list, Messages.EmptyList(path), emptyAllowed);
            return null;
        }
        var numbers = list.Children.Select((node, i) => r.Context.Double(node, $"{path}[{i}]", range)).ToList();
        return numbers.All(n => n is not null) ? numbers.Select(n => n!.Value).ToArray() : null;
    }

    private static bool MaxAboveMin(MappingReader r, double min, double max)
    {
        if (max > min)
        {
            return true;
        }
        r.Context.Error(r.Get("max")!, Messages.MustExceed(r.Path, "max", max, "min", min), Messages.MustExceedAllowed("max", "min", min));
        return false;
    }
}
