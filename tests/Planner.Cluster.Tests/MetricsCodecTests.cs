using System.Reflection;
using Planner.Cluster.Messages;
using Planner.Core.Metrics;
using Planner.Core.Projection;

namespace Planner.Cluster.Tests;

public sealed class MetricsCodecTests
{
    [Fact]
    public void Every_number_of_a_window_survives_the_wire_bit_for_bit()
    {
        var metrics = new WindowMetrics();
        double value = 0.1;
        foreach (PropertyInfo p in typeof(WindowMetrics).GetProperties().Where(p => p.PropertyType == typeof(double) && p.CanWrite))
        {
            p.SetValue(metrics, value += 1.0 / 3);
        }
        metrics.BatchSizeSeconds[7] = Math.PI;
        metrics.KvUtilizationSeconds[20] = Math.E;
        // Every histogram, found by reflection so that one added later is covered too, with its own values.
        PropertyInfo[] histograms = [.. typeof(WindowMetrics).GetProperties().Where(p => p.PropertyType == typeof(LatencyHistogram))];
        Assert.True(histograms.Length >= 4, "TTFT, TPOT, inter-token latency and end-to-end at least");
        double seconds = 0.25;
        foreach (PropertyInfo p in histograms)
        {
            var h = (LatencyHistogram)p.GetValue(metrics)!;
            h.Record(seconds, 3);
            h.Record(0, 1);
            h.Record(seconds * 7.5, 0.5);
            seconds *= 3.1;
        }
        metrics.Timeline.Add(new SegmentSample(13, 3600, 2.5, 1000, 7200, 12) { BilledGpuSeconds = 9, Scale = 4 });
        var outcome = new OptionWindowOutcome(metrics, new FidelityPlan(4, 2.5, true), 123, 456);

        OptionWindowOutcome back = MetricsCodec.FromPayload(MetricsCodec.ToPayload(outcome));

        foreach (PropertyInfo p in typeof(WindowMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)p.GetValue(metrics)!), BitConverter.DoubleToInt64Bits((double)p.GetValue(back.Metrics)!));
        }
        Assert.Equal(metrics.BatchSizeSeconds, back.Metrics.BatchSizeSeconds);
        Assert.Equal(metrics.KvUtilizationSeconds, back.Metrics.KvUtilizationSeconds);
        foreach (PropertyInfo p in histograms)
        {
            var a = (LatencyHistogram)p.GetValue(metrics)!;
            var b = (LatencyHistogram)p.GetValue(back.Metrics)!;
            Assert.Equal(a.Capture().ZeroWeight, b.Capture().ZeroWeight);
            Assert.Equal(a.Capture().TotalWeight, b.Capture().TotalWeight);
            Assert.Equal(a.Capture().BucketWeights, b.Capture().BucketWeights);
        }
        Assert.Equal(metrics.Timeline, back.Metrics.Timeline);
        Assert.Equal(outcome.Plan, back.Plan);
        Assert.Equal(24, back.Plan.HourCompression.Count);
        Assert.Equal((123L, 456L), (back.EventsProcessed, back.RequestsSimulated));
    }

    [Fact]
    public void Metrics_with_another_builds_KV_cache_buckets_are_refused_not_misread()
    {
        MetricsPayload payload = MetricsCodec.ToPayload(new WindowMetrics());
        // A build of 5% buckets sent 21; copied into this build's 101 they would read as 0% to 20%.
        MetricsPayload older = payload with { KvUtilizationSeconds = new double[21] };

        var e = Assert.Throws<InvalidDataException>(() => MetricsCodec.FromPayload(older));
        Assert.Contains("21 KV-cache buckets", e.Message);
        Assert.Contains($"{WindowMetrics.KvBuckets}", e.Message);
    }

    [Fact]
    public void The_wire_names_every_settable_number_of_the_metrics()
    {
        Assert.Contains("RequestsArrived", MetricsCodec.ScalarNames);
        Assert.Contains("PeakInstances", MetricsCodec.ScalarNames);
        Assert.DoesNotContain("GpuSecondsBilled", MetricsCodec.ScalarNames);
    }
}
