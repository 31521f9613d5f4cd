using System.Reflection;
using Planner.Core.Metrics;
using Planner.Core.Projection;

namespace Planner.Cluster.Messages;

/// <summary>
/// Converts window outcomes to their wire form and back, bit for bit. The scalar numbers of
/// <see cref="WindowMetrics"/> are found by reflection (every public settable double, by name),
/// so a number added to the metrics later travels without a change here.
/// </summary>
public static class MetricsCodec
{
    private static readonly PropertyInfo[] ScalarProperties = typeof(WindowMetrics)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(double) && p.SetMethod is { IsPublic: true })
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Names of the numbers in <see cref="MetricsPayload.Scalars"/>, in order.</summary>
    public static IReadOnlyList<string> ScalarNames { get; } = ScalarProperties.Select(p => p.Name).ToArray();

    public static OptionWindowPayload ToPayload(OptionWindowOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new OptionWindowPayload
        {
            Metrics = ToPayload(outcome.Metrics),
            SliceFactor = outcome.Plan.SliceFactor,
            HourCompression = [.. outcome.Plan.HourCompression],
            Approximate = outcome.Plan.Approximate,
            WarmUpCompression = outcome.Plan.WarmUpCompression,
            EventsProcessed = outcome.EventsProcessed,
            RequestsSimulated = outcome.RequestsSimulated,
        };
    }

    public static OptionWindowOutcome FromPayload(OptionWindowPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var plan = new FidelityPlan(payload.SliceFactor, payload.HourCompression, payload.Approximate) { WarmUpCompression = payload.WarmUpCompression };
        return new OptionWindowOutcome(FromPayload(payload.Metrics), plan, payload.EventsProcessed, payload.RequestsSimulated);
    }

    public static MetricsPayload ToPayload(WindowMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new MetricsPayload
        {
            Scalars = ScalarProperties.Select(p => (double)p.GetValue(metrics)!).ToArray(),
            BatchSizeSeconds = [.. metrics.BatchSizeSeconds],
            KvUtilizationSeconds = [.. metrics.KvUtilizationSeconds],
            TimeToFirstToken = ToPayload(metrics.TimeToFirstToken),
            TimePerOutputToken = ToPayload(metrics.TimePerOutputToken),
            InterTokenLatency = ToPayload(metrics.InterTokenLatency),
            EndToEnd = ToPayload(metrics.EndToEnd),
            Timeline = metrics.Timeline.Select(s => new SegmentPayload
            {
                HourOfDay = s.HourOfDay,
                DurationSeconds = s.DurationSeconds,
                Weight = s.Weight,
                Arrivals = s.Arrivals,
                ReplicaSeconds = s.ReplicaSeconds,
                QueuedRequestSeconds = s.QueuedRequestSeconds,
                BilledGpuSeconds = s.BilledGpuSeconds,
                Scale = s.Scale,
            }).ToArray(),
        };
    }

    public static WindowMetrics FromPayload(MetricsPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Scalars.Length != ScalarProperties.Length
            || payload.BatchSizeSeconds.Length != WindowMetrics.BatchBuckets
            || payload.KvUtilizationSeconds.Length != WindowMetrics.KvBuckets)
        {
            throw new InvalidDataException($"window metrics from a different build: {payload.Scalars.Length} numbers, {payload.BatchSizeSeconds.Length} batch buckets and {payload.KvUtilizationSeconds.Length} KV-cache buckets, this build has {ScalarProperties.Length}, {WindowMetrics.BatchBuckets} and {WindowMetrics.KvBuckets}");
        }
        var metrics = new WindowMetrics();
        for (int i = 0; i < ScalarProperties.Length; i++)
        {
            ScalarProperties[i].SetValue(metrics, payload.Scalars[i]);
        }
        payload.BatchSizeSeconds.CopyTo(metrics.BatchSizeSeconds, 0);
        payload.KvUtilizationSeconds.AsSpan().CopyTo(metrics.KvUtilizationSeconds);
        metrics.TimeToFirstToken.Restore(FromPayload(payload.TimeToFirstToken));
        metrics.TimePerOutputToken.Restore(FromPayload(payload.TimePerOutputToken));
        metrics.InterTokenLatency.Restore(FromPayload(payload.InterTokenLatency));
        metrics.EndToEnd.Restore(FromPayload(payload.EndToEnd));
        metrics.Timeline.AddRange(payload.Timeline.Select(s =>
            new SegmentSample(s.HourOfDay, s.DurationSeconds, s.Weight, s.Arrivals, s.ReplicaSeconds, s.QueuedRequestSeconds)
            {
                BilledGpuSeconds = s.BilledGpuSeconds,
                Scale = s.Scale,
            }));
        return metrics;
    }

    private static HistogramPayload ToPayload(LatencyHistogram histogram)
    {
        LatencyHistogramState state = histogram.Capture();
        return new HistogramPayload { ZeroWeight = state.ZeroWeight, BucketWeights = [.. state.BucketWeights], TotalWeight = state.TotalWeight };
    }

    private static LatencyHistogramState FromPayload(HistogramPayload payload) => new(payload.ZeroWeight, payload.BucketWeights, payload.TotalWeight);
}
