using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// The H200 steps measured with PyTorch against the roofline for llama-3.1-8b on h200: at the
/// catalog's measured ceilings, with no step overhead, the roofline is a lower bound of every step.
/// </summary>
public sealed class StepComparisonTests
{
    private static string StepsCsv => Path.Combine(Repository.Root, "calibration", "measurements", "h200-pytorch", "llama8b_steps.csv");

    private static StepComparison Compare()
    {
        var errors = new List<string>();
        IReadOnlyList<MeasuredStep> steps = MeasuredStepReader.Read(StepsCsv, errors);
        Assert.Empty(errors);
        GpuCatalogEntry h200 = CatalogSpecs.Catalog.Gpus["h200"];
        var defaults = new ServingEngineSpec();
        ServingEngineSpec ceilings = defaults with
        {
            ComputeEfficiency = h200.MeasuredBf16DenseTflops!.Value / h200.Bf16DenseTflops,
            MemoryEfficiency = h200.MeasuredHbmBandwidthGbPerSecond!.Value / h200.HbmBandwidthGbPerSecond,
            StepOverheadMs = 0,
        };
        return StepComparison.Compute("llama8b_steps.csv", steps, CatalogSpecs.Models["llama-3.1-8b"], h200.ToSpec(), defaults, ceilings);
    }

    [Fact]
    public void The_measured_steps_are_read_as_they_are_in_the_file()
    {
        StepComparison c = Compare();

        Assert.Equal(15, c.Steps.Count);
        Assert.Equal(new MeasuredStep("prefill", 1, 128, 128, 6.7957, "eager"), c.Steps[0]);
        Assert.Equal(new MeasuredStep("decode", 64, 1, 4096, 13.1787, "cuda graph"), c.Steps[^1]);
        Assert.Equal(5, c.Steps.Count(s => s.Phase == "prefill"));
    }

    [Fact]
    public void At_the_measured_ceilings_the_roofline_is_never_slower_than_a_measured_step()
    {
        StepComparison c = Compare();

        Assert.Equal(0.74, c.Ceilings!.ComputeEfficiency, 2);
        Assert.Equal(0.89, c.Ceilings.MemoryEfficiency, 2);
        for (int i = 0; i < c.Steps.Count; i++)
        {
            Assert.True(c.CeilingsMs[i] <= c.Steps[i].Milliseconds, $"{c.Steps[i]}: roofline at the measured ceilings {c.CeilingsMs[i]:F3} ms is slower than measured");
            // The defaults are slower still: lower efficiencies and a step overhead.
            Assert.True(c.DefaultsMs[i] > c.CeilingsMs[i]);
        }
    }

    [Fact]
    public void Bad_rows_are_reported_with_their_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"steps-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "phase,batch,query_tokens,context_tokens,ms,execution\nprefill,1,128,128,6.8,eager\nverify,0,1,1024,-1,cuda graph\n");
        try
        {
            var errors = new List<string>();
            IReadOnlyList<MeasuredStep> steps = MeasuredStepReader.Read(path, errors);

            Assert.Single(steps);
            Assert.Contains($"{path}:3: error: phase 'verify' is not one of prefill, decode", errors);
            Assert.Contains($"{path}:3: error: batch '0' must be a positive whole number", errors);
            Assert.Contains($"{path}:3: error: ms '-1' must be a positive number", errors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
