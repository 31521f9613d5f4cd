using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// Cross-validation must never score a row with a setting fitted on that row: the held-out
/// predictions may not depend on the held-out published values at all.
/// </summary>
public sealed class CrossValidationTests
{
    /// <summary>Six small fixed-batch rows (8B model, 32 prompt and 16 output tokens): three sources, two GPUs.</summary>
    private static List<PublishedMeasurement> Rows(double scaleOfSourceA = 1)
    {
        IReadOnlyDictionary<string, ModelArchitectureSpec> models = CatalogSpecs.Models;
        IReadOnlyDictionary<string, GpuSpec> gpus = CatalogSpecs.Gpus;
        var rows = new List<PublishedMeasurement>();
        (string Source, string Gpu, int Batch, double Ms)[] table =
        [
            ("A", "h100-sxm", 1, 120), ("A", "a100-80gb", 4, 210),
            ("B", "h100-sxm", 4, 140), ("B", "a100-80gb", 1, 190),
            ("C", "h100-sxm", 8, 150), ("C", "a100-80gb", 8, 260),
        ];
        foreach ((string source, string gpu, int batch, double ms) in table)
        {
            rows.Add(new PublishedMeasurement
            {
                Id = $"{source}-{gpu}-{batch}",
                Source = "source " + source,
                Url = "https://example.org/" + source,
                Date = "2025-01-01",
                ModelLabel = "Llama 3.1 8B",
                GpuLabel = gpu,
                Model = models["llama-3.1-8b"],
                Gpu = gpus[gpu],
                Gpus = 1,
                TensorParallel = 1,
                WeightPrecision = Precision.Bf16,
                KvPrecision = Precision.Bf16,
                PrecisionText = "bf16",
                Engine = "test",
                Regime = PublishedMeasurement.BatchRegime,
                InputTokens = 32,
                OutputTokens = 16,
                Requests = batch,
                Concurrency = batch,
                Metric = "e2e_latency_ms",
                Value = source == "A" ? ms * scaleOfSourceA : ms,
            });
        }
        return rows;
    }

    [Fact]
    public void Held_out_predictions_do_not_depend_on_the_held_out_published_values()
    {
        List<PublishedMeasurement> rows = Rows(), moved = Rows(scaleOfSourceA: 4);
        var defaults = new ServingEngineSpec();
        EfficiencyGrid grid = EfficiencyGrid.Simulate(rows, defaults), movedGrid = EfficiencyGrid.Simulate(moved, defaults);

        CrossValidation bySource = CrossValidation.LeaveOneGroupOut("source", rows, grid, r => r.SourceKey, r => r.Source);
        CrossValidation movedBySource = CrossValidation.LeaveOneGroupOut("source", moved, movedGrid, r => r.SourceKey, r => r.Source);

        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Source == "source A")
            {
                Assert.False(double.IsNaN(bySource.Predicted[i]));
                Assert.Equal(bySource.Predicted[i], movedBySource.Predicted[i]);
            }
        }
        // The in-sample fit does see source A's values: moving them moves its prediction, so the
        // assertion above has something to catch.
        EngineFit inSample = grid.BestFit(), movedInSample = movedGrid.BestFit();
        Assert.NotEqual(inSample.Engine, movedInSample.Engine);
    }

    /// <summary>A batch of <paramref name="batch"/> 512-token prompts (one output token) on 70B at four GPUs of <paramref name="gpu"/>.</summary>
    private static PublishedMeasurement TensorParallelRow(string gpu, double ms, int batch = 4) => Rows()[0] with
    {
        Id = $"tp4-{gpu}",
        Source = "source T",
        GpuLabel = gpu,
        Model = CatalogSpecs.Models["llama-3.1-70b"],
        Gpu = CatalogSpecs.Gpus[gpu],
        Gpus = 4,
        TensorParallel = 4,
        WeightPrecision = Precision.Fp8,
        KvPrecision = Precision.Fp8,
        PrecisionText = "fp8",
        InputTokens = 512,
        OutputTokens = 1,
        Requests = batch,
        Concurrency = batch,
        Value = ms,
    };

    [Fact]
    public void Only_rows_that_all_reduce_over_pcie_move_along_the_grids_pcie_dimension()
    {
        List<PublishedMeasurement> rows = [.. Rows(), TensorParallelRow("l40s", 400), TensorParallelRow("h100-sxm", 60)];
        Assert.Equal([false, false, false, false, false, false, true, false], rows.Select(EfficiencyGrid.AllReducesOverPcie));
        EfficiencyGrid grid = EfficiencyGrid.Simulate(rows, new ServingEngineSpec());
        int shares = EfficiencyGrid.TensorParallelAttentionSerialShares.Count;
        int perPoint = EfficiencyGrid.PcieAllReduceEfficiencies.Count * shares;
        Assert.Equal(1.0, EfficiencyGrid.PcieAllReduceEfficiencies[0]);

        // Points 0 and perPoint − shares share compute, memory, overhead and attention serial share and differ only in the PCIe efficiency.
        ServingEngineSpec first = grid.Candidates[0], last = grid.Candidates[perPoint - shares];
        Assert.Equal(first with { PcieAllReduceEfficiency = last.PcieAllReduceEfficiency }, last);
        double[] atFirst = [.. rows.Select(r => ValidationSimulator.Simulate(r, first))];
        double[] atLast = [.. rows.Select(r => ValidationSimulator.Simulate(r, last))];
        for (int i = 0; i < rows.Count; i++)
        {
            if (i == 6)
            {
                // Less of the PCIe link, a slower prefill over four L40S.
                Assert.True(atLast[i] > atFirst[i] * 1.05, $"{atLast[i]} ms at {last.PcieAllReduceEfficiency} against {atFirst[i]} ms at {first.PcieAllReduceEfficiency}");
            }
            else
            {
                Assert.Equal(atFirst[i], atLast[i]);
            }
        }

        // Fitted without the PCIe row, nothing tells the efficiencies apart: the datasheet link is kept.
        Assert.Equal(1.0, grid.BestFit(i => i != 6).Engine.PcieAllReduceEfficiency);
    }

    [Fact]
    public void Only_tensor_parallel_rows_move_along_the_grids_attention_serial_share_and_each_point_holds_what_it_simulates()
    {
        // The tensor-parallel rows decode 64 tokens, so that their steps read the KV cache.
        List<PublishedMeasurement> rows = [.. Rows(), TensorParallelRow("l40s", 400) with { OutputTokens = 64 }, TensorParallelRow("h100-sxm", 60) with { OutputTokens = 64 }];
        EfficiencyGrid grid = EfficiencyGrid.Simulate(rows, new ServingEngineSpec());
        int shares = EfficiencyGrid.TensorParallelAttentionSerialShares.Count;
        Assert.Equal(0.0, EfficiencyGrid.TensorParallelAttentionSerialShares[0]);
        Assert.Equal(EfficiencyGrid.ComputeEfficiencies.Count * EfficiencyGrid.MemoryEfficiencies.Count * EfficiencyGrid.StepOverheadsMs.Count
            * EfficiencyGrid.PcieAllReduceEfficiencies.Count * shares, grid.Candidates.Count);

        // Points 0 and shares − 1 differ only in the serial share.
        ServingEngineSpec none = grid.Candidates[0], most = grid.Candidates[shares - 1];
        Assert.Equal(none with { TensorParallelAttentionSerialShare = most.TensorParallelAttentionSerialShare }, most);
        Assert.True(most.TensorParallelAttentionSerialShare > 0);
        for (int i = 0; i < rows.Count; i++)
        {
            double atNone = ValidationSimulator.Simulate(rows[i], none), atMost = ValidationSimulator.Simulate(rows[i], most);
            if (rows[i].TensorParallel > 1)
            {
                Assert.True(atMost > atNone, $"row {i}: {atMost} ms with share {most.TensorParallelAttentionSerialShare} against {atNone} ms without");
            }
            else
            {
                Assert.Equal(atNone, atMost);
            }
        }

        // The values the grid shares between points are what each point simulates by itself.
        foreach (int k in new[] { 0, shares - 1, grid.Candidates.Count / 2 + 1, grid.Candidates.Count - 1 })
        {
            Assert.Equal([.. rows.Select(r => ValidationSimulator.Simulate(r, grid.Candidates[k]))], grid.ValuesAt(k));
        }

        // Fitted without the tensor-parallel rows, nothing tells the shares apart: none is kept.
        Assert.Equal(0.0, grid.BestFit(i => rows[i].TensorParallel == 1).Engine.TensorParallelAttentionSerialShare);
    }

    [Fact]
    public void Each_fold_is_the_grid_fit_on_the_other_groups_and_is_scored_on_its_own()
    {
        List<PublishedMeasurement> rows = Rows();
        EfficiencyGrid grid = EfficiencyGrid.Simulate(rows, new ServingEngineSpec());

        CrossValidation byGpu = CrossValidation.LeaveOneGroupOut("GPU", rows, grid, r => r.Gpu.Id, r => r.Gpu.Id);

        Assert.Equal(["h100-sxm", "a100-80gb"], byGpu.Folds.Select(f => f.HeldOut));
        foreach (CrossValidationFold fold in byGpu.Folds)
        {
            EngineFit expected = grid.BestFit(i => rows[i].Gpu.Id != fold.HeldOut);
            Assert.Equal(expected.Engine, fold.Engine);
            Assert.Equal(3, fold.TrainingRows);
            ErrorSummary heldOut = ValidationScoring.Summarize(rows, expected.Simulated, i => rows[i].Gpu.Id == fold.HeldOut);
            Assert.Equal(heldOut, fold.HeldOutError);
            for (int i = 0; i < rows.Count; i++)
            {
                if (rows[i].Gpu.Id == fold.HeldOut)
                {
                    Assert.Equal(expected.Simulated[i], byGpu.Predicted[i]);
                }
            }
        }
    }

    [Fact]
    public void A_single_group_leaves_nothing_to_fit_on()
    {
        List<PublishedMeasurement> rows = Rows().Where(r => r.Source == "source A").ToList();
        EfficiencyGrid grid = EfficiencyGrid.Simulate(rows, new ServingEngineSpec());

        var e = Assert.Throws<InvalidOperationException>(() => CrossValidation.LeaveOneGroupOut("source", rows, grid, r => r.SourceKey, r => r.Source));
        Assert.Contains("nothing is left to fit on", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summaries_give_the_median_absolute_error_and_the_mean_signed_bias()
    {
        List<PublishedMeasurement> rows = Rows().Take(4).ToList();
        // Errors +10%, −20%, +30%, n/a.
        double[] simulated = [rows[0].Value * 1.1, rows[1].Value * 0.8, rows[2].Value * 1.3, double.NaN];

        ErrorSummary s = ValidationScoring.Summarize(rows, simulated, _ => true);

        Assert.Equal(3, s.Rows);
        Assert.Equal(1, s.Missing);
        Assert.Equal(20, s.MedianAbsolutePercent, 9);
        Assert.Equal(20, s.MeanAbsolutePercent, 9);
        Assert.Equal(20.0 / 3, s.MeanPercent, 9);
        // The fit's objective counts the unsimulated row as 100%.
        Assert.Equal((10 + 20 + 30 + 100) / 4.0, ValidationScoring.Score(rows, simulated), 9);
        Assert.Equal(2.5, ValidationScoring.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void The_fits_objective_averages_over_metrics_with_tpot_counted_as_itl()
    {
        List<PublishedMeasurement> rows = Rows().Take(4).ToList();
        rows = [rows[0] with { Metric = "output_tokens_per_s" }, rows[1] with { Metric = "itl_ms" }, rows[2] with { Metric = "itl_ms" }, rows[3] with { Metric = "tpot_ms" }];
        // Errors 10% (throughput), 20% and 30% (ITL), 60% (TPOT): throughput 10, time per output token (20 + 30 + 60) / 3.
        double[] simulated = [rows[0].Value * 1.1, rows[1].Value * 1.2, rows[2].Value * 0.7, rows[3].Value * 1.6];
        Assert.Equal((10 + (20 + 30 + 60) / 3.0) / 2, ValidationScoring.Score(rows, simulated), 9);
        Assert.Equal("itl_ms", ValidationScoring.FitGroup("tpot_ms"));
        Assert.Equal("ttft_ms", ValidationScoring.FitGroup("ttft_ms"));
    }

    [Fact]
    public void The_fits_objective_counts_requests_per_second_with_output_tokens_per_second()
    {
        List<PublishedMeasurement> rows = Rows().Take(3).ToList();
        rows = [rows[0] with { Metric = "output_tokens_per_s" }, rows[1] with { Metric = "requests_per_s" }, rows[2] with { Metric = "ttft_ms" }];
        // Errors 10% and 40% (throughput in tokens and in requests), 20% (TTFT): throughput (10 + 40) / 2, TTFT 20.
        double[] simulated = [rows[0].Value * 1.1, rows[1].Value * 0.6, rows[2].Value * 1.2];
        Assert.Equal(((10 + 40) / 2.0 + 20) / 2, ValidationScoring.Score(rows, simulated), 9);
        Assert.Equal("output_tokens_per_s", ValidationScoring.FitGroup("requests_per_s"));
    }
}
