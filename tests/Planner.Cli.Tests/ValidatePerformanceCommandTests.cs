using System.Globalization;

namespace Planner.Cli.Tests;

/// <summary>
/// <c>planner validate-performance</c> writes one table row per published measurement, with the
/// error computed as (simulated − published) / published, and keeps the prose around its markers.
/// Nothing here asserts how accurate the simulation is.
/// </summary>
public sealed class ValidatePerformanceCommandTests
{
    private static string PublishedCsv => Path.Combine(RepoPaths.Root, "calibration", "validation", "published.csv");

    private static string Catalog => Path.Combine(RepoPaths.Root, "scenarios", "catalog");

    [Fact]
    public void WritesOneRowPerPublishedMeasurementWithRelativeErrors()
    {
        using var dir = new TempDir();
        string doc = Path.Combine(dir.Path, "VALIDATION.md");
        string results = Path.Combine(dir.Path, "results.csv");

        CliRun run = CliRun.Invoke("validate-performance", "--published", PublishedCsv, "--out", doc, "--results", results, "--catalog", Catalog, "--no-fit");

        Assert.True(run.ExitCode == 0, run.Stderr);
        List<string> ids = File.ReadAllLines(PublishedCsv).Skip(1).Where(l => l.Length > 0).Select(l => l[..l.IndexOf(',')]).ToList();
        Assert.NotEmpty(ids);
        string[] lines = File.ReadAllLines(doc);
        foreach (string id in ids)
        {
            Assert.Single(lines, l => l.StartsWith($"| {id} |", StringComparison.Ordinal));
        }

        // The machine-readable results: every error is (simulated − published) / published.
        string[] csv = File.ReadAllLines(results);
        string[] header = csv[0].Split(',');
        int published = Array.IndexOf(header, "published"), simulated = Array.IndexOf(header, "simulated"), error = Array.IndexOf(header, "error_percent");
        Assert.Equal(ids, csv.Skip(1).Select(l => l.Split(',')[0]).ToList());
        foreach (string line in csv.Skip(1))
        {
            string[] f = line.Split(',');
            if (f[simulated].Length == 0)
            {
                continue;
            }
            double p = Parse(f[published]), s = Parse(f[simulated]);
            Assert.Equal((s - p) / p * 100, Parse(f[error]), 9);
        }

        // The document's first row: its error cell matches the rounded values printed beside it.
        string[] cells = lines.First(l => l.StartsWith($"| {ids[0]} |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();
        string[] columns = lines.First(l => l.StartsWith("| id |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();
        double shownPublished = Parse(cells[Array.IndexOf(columns, "published")]);
        double shownSimulated = Parse(cells[Array.IndexOf(columns, "simulated")]);
        double shownError = Parse(cells[Array.IndexOf(columns, "error")].TrimEnd('%'));
        Assert.InRange(shownError - (shownSimulated - shownPublished) / shownPublished * 100, -0.15, 0.15);
    }

    [Fact]
    public void RewritesOnlyTheGeneratedPartOfAnExistingDocument()
    {
        using var dir = new TempDir();
        string csv = dir.Write("published.csv",
            "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes\n"
            + "one,\"Example, a source\",https://example.org,2025-01-01,Llama 3.1 8B,llama-3.1-8b,H100,h100-sxm,1,1,bf16,bf16,test,batch,32,16,8,8,e2e_latency_ms,200,\n");
        string doc = dir.Write("VALIDATION.md", "# Title\n\nHand-written intro.\n\n<!-- validate-performance:begin -->\nold table\n<!-- validate-performance:end -->\n\nHand-written discussion.\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", csv, "--out", doc, "--catalog", Catalog, "--no-fit");

        Assert.True(run.ExitCode == 0, run.Stderr);
        string text = File.ReadAllText(doc);
        Assert.StartsWith("# Title\n\nHand-written intro.\n\n<!-- validate-performance:begin -->\n", text, StringComparison.Ordinal);
        Assert.EndsWith("<!-- validate-performance:end -->\n\nHand-written discussion.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old table", text, StringComparison.Ordinal);
        Assert.Contains("| one |", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "validation", "results.csv")));
    }

    [Fact]
    public void ReportsEveryBadRowWithItsLine()
    {
        using var dir = new TempDir();
        string csv = dir.Write("published.csv",
            "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes\n"
            + "a,s,u,d,m,no-such-model,g,h100-sxm,1,1,bf16,bf16,e,offline,128,128,100,,output_tokens_per_s,1000,\n"
            + "b,s,u,d,m,llama-3.1-8b,g,h100-sxm,3,2,fp9,bf16,e,offline,128,128,100,,output_tokens_per_s,-1,\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", csv, "--out", Path.Combine(dir.Path, "out.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("published.csv:2: error: unknown catalog_model 'no-such-model'", run.Stderr);
        Assert.Contains("published.csv:3: error: gpus (3) must be a multiple of tensor_parallel (2)", run.Stderr);
        Assert.Contains("published.csv:3: error: weight_precision 'fp9'", run.Stderr);
        Assert.Contains("published.csv:3: error: value '-1'", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "out.md")));
    }

    [Fact]
    public void An_infinite_published_value_is_a_bad_row()
    {
        using var dir = new TempDir();
        string csv = dir.Write("published.csv",
            "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes\n"
            + "a,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,128,100,,output_tokens_per_s,Infinity,\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", csv, "--out", Path.Combine(dir.Path, "out.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("published.csv:2: error: value 'Infinity' must be a positive, finite number", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "out.md")));
    }

    [Fact]
    public void A_folder_given_for_a_file_is_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "validation"));
        string results = dir.Write(Path.Combine("validation", "results.csv"), "earlier results\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "VALIDATION.md"));

        CliRun run = CliRun.Invoke("validate-performance", "--published", PublishedCsv, "--out", Path.Combine(dir.Path, "VALIDATION.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --out: ", run.Stderr);
        Assert.Contains("VALIDATION.md is a folder (allowed: a file to write", run.Stderr);
        Assert.Equal("earlier results\n", File.ReadAllText(results));
    }

    [Fact]
    public void Reads_online_rows_and_reports_what_each_regime_needs()
    {
        using var dir = new TempDir();
        const string Header = "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes,request_rate,length_spread,statistic\n";
        string bad = dir.Write("bad.csv", Header
            + "a,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,10,,ttft_ms,100,,,,\n"
            + "b,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,rate,128,32,10,,ttft_ms,100,,,,\n"
            + "c,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,10,2,ttft_ms,100,,,1.5,\n"
            + "d,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,10,2,output_tokens_per_s,100,,,,mean\n"
            + "e,s,u,d,m,llama-3.1-8b,g,h100-sxm,4,2,bf16,bf16,e,concurrency,128,32,10,3,ttft_ms,100,,,,\n"
            + "f,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,10,,output_tokens_per_s,100,,2,0.1,\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", bad, "--out", Path.Combine(dir.Path, "out.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.csv:2: error: a concurrency row needs its concurrency", run.Stderr);
        Assert.Contains("bad.csv:3: error: a rate row needs its request_rate", run.Stderr);
        Assert.Contains("bad.csv:4: error: length_spread '1.5' must be a share from 0 up to (not including) 1", run.Stderr);
        Assert.Contains("bad.csv:5: error: statistic 'mean' is for the ttft_ms, e2e_latency_ms and itl_ms", run.Stderr);
        Assert.Contains("bad.csv:6: error: concurrency (3) must be a multiple of the replicas (gpus / tensor_parallel = 2)", run.Stderr);
        Assert.Contains("bad.csv:7: error: request_rate is for rate rows only", run.Stderr);
        Assert.Contains("bad.csv:7: error: length_spread is for concurrency and rate rows only", run.Stderr);

        string good = dir.Write("good.csv", Header
            + "closed,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,itl_ms,10,,,0.1,mean\n"
            + "open,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,rate,128,32,20,,ttft_ms,50,,2.5,,\n");
        string doc = Path.Combine(dir.Path, "good.md");

        run = CliRun.Invoke("validate-performance", "--published", good, "--out", doc, "--catalog", Catalog, "--no-fit");

        Assert.True(run.ExitCode == 0, run.Stderr);
        string text = File.ReadAllText(doc);
        Assert.Contains("| 128/32 ±10% | closed loop, 4 clients, 20 requests | itl_ms (mean) |", text, StringComparison.Ordinal);
        Assert.Contains("| 128/32 | Poisson, 2.5 req/s, 20 requests | ttft_ms |", text, StringComparison.Ordinal);

        string misspelt = dir.Write("misspelt.csv", Header.Replace("length_spread", "length_sprd", StringComparison.Ordinal)
            + "closed,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,itl_ms,10,,,0.1,mean\n");
        run = CliRun.Invoke("validate-performance", "--published", misspelt, "--out", Path.Combine(dir.Path, "misspelt.md"), "--catalog", Catalog, "--no-fit");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("misspelt.csv:1: error: unknown column(s) length_sprd (optional columns: request_rate, length_spread, statistic, engine_profile, measurement, max_num_seqs, max_num_batched_tokens, gpu_memory_utilization, kv_cache_free_memory_fraction, chunked_prefill, lengths_file)", run.Stderr);
    }

    [Fact]
    public void A_steady_state_measurement_is_for_closed_loops_and_is_named_in_the_report()
    {
        using var dir = new TempDir();
        const string Header = "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes,request_rate,length_spread,statistic,engine_profile,measurement\n";
        string bad = dir.Write("bad.csv", Header
            + "a,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,rate,128,32,20,,ttft_ms,50,,2.5,,,,steady\n"
            + "b,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,ttft_ms,50,,,,,,warm\n"
            + "c,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,itl_ms,10,,,,,,steady\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", bad, "--out", Path.Combine(dir.Path, "bad.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.csv:2: error: measurement 'steady' is for concurrency rows only", run.Stderr);
        Assert.Contains("bad.csv:3: error: measurement 'warm' is not one of all, steady", run.Stderr);
        Assert.Contains("bad.csv:4: error: measurement 'steady' summarises requests one by one: its itl_ms needs statistic 'mean'", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "bad.md")));

        string good = dir.Write("good.csv", Header
            + "steady,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,itl_ms,10,,,,mean,,steady\n");
        string doc = Path.Combine(dir.Path, "good.md");
        run = CliRun.Invoke("validate-performance", "--published", good, "--out", doc, "--catalog", Catalog, "--no-fit");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("| 128/32 | closed loop, 4 clients, 20 requests, steady state | itl_ms (mean) |", File.ReadAllText(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void Puts_measured_steps_beside_the_roofline_and_refuses_a_missing_steps_file()
    {
        using var dir = new TempDir();
        string doc = Path.Combine(dir.Path, "VALIDATION.md");
        string steps = Path.Combine(RepoPaths.Root, "calibration", "measurements", "h200-pytorch", "llama8b_steps.csv");

        CliRun run = CliRun.Invoke("validate-performance", "--published", PublishedCsv, "--out", doc, "--catalog", Catalog, "--no-fit", "--steps", steps);

        Assert.True(run.ExitCode == 0, run.Stderr);
        string[] lines = File.ReadAllLines(doc);
        Assert.Contains("### Measured steps against the roofline: llama-3.1-8b on one h200", lines);
        int measuredRows = File.ReadAllLines(steps).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(measuredRows, lines.Count(l => l.StartsWith("| prefill |", StringComparison.Ordinal) || l.StartsWith("| decode |", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("compute 0.74, memory 0.89, overhead 0 ms", StringComparison.Ordinal));

        CliRun missing = CliRun.Invoke("validate-performance", "--published", PublishedCsv, "--out", doc, "--catalog", Catalog, "--no-fit", "--steps", Path.Combine(dir.Path, "none.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error: measured steps not found", missing.Stderr, StringComparison.Ordinal);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Reads_stated_engine_limits_percentiles_and_request_rates_and_names_them_in_the_report()
    {
        using var dir = new TempDir();
        const string Header = "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes,request_rate,length_spread,statistic,engine_profile,measurement,max_num_seqs,max_num_batched_tokens,gpu_memory_utilization,kv_cache_free_memory_fraction,chunked_prefill\n";
        string bad = dir.Write("bad.csv", Header
            + "a,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,10,,output_tokens_per_s,100,,,,,,,0,,,,\n"
            + "b,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,10,,output_tokens_per_s,100,,,,,,,,,1.5,,\n"
            + "c,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,10,,output_tokens_per_s,100,,,,,,,,,0.9,0.95,\n"
            + "d,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,10,,output_tokens_per_s,100,,,,,,,,,,,maybe\n"
            + "e,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,output_tokens_per_s,100,,,,p99,,,,,,,\n"
            + "f,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,batch,128,32,4,4,requests_per_s,100,,,,,,,,,,,\n"
            + "g,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,10,,ttft_ms,100,,,,,,,,,,,\n"
            + "h,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,ttft_ms,100,,,,p42,,,,,,,\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", bad, "--out", Path.Combine(dir.Path, "bad.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.csv:2: error: max_num_seqs '0' must be a positive whole number", run.Stderr);
        Assert.Contains("bad.csv:3: error: gpu_memory_utilization '1.5' must be a share above 0 and at most 1", run.Stderr);
        Assert.Contains("bad.csv:4: error: state one memory rule: gpu_memory_utilization", run.Stderr);
        Assert.Contains("bad.csv:5: error: chunked_prefill 'maybe' is not one of on, off", run.Stderr);
        Assert.Contains("bad.csv:6: error: statistic 'p99' (a percentile) is for the latencies of concurrency and rate rows", run.Stderr);
        Assert.Contains("bad.csv:7: error: a batch row measures a latency or output_tokens_per_s, not requests_per_s", run.Stderr);
        Assert.Contains("bad.csv:8: error: an offline row measures output_tokens_per_s or requests_per_s", run.Stderr);
        Assert.Contains("bad.csv:9: error: statistic 'p42' is not one of median, mean, p90, p95, p99", run.Stderr);

        string good = dir.Write("good.csv", Header
            + "limited,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,40,,requests_per_s,10,,,,,,,16,4096,,0.95,off\n"
            + "tail,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,128,32,20,4,ttft_ms,50,,,,p99,,,,,,,\n");
        string doc = Path.Combine(dir.Path, "good.md");
        run = CliRun.Invoke("validate-performance", "--published", good, "--out", doc, "--catalog", Catalog, "--no-fit");

        Assert.True(run.ExitCode == 0, run.Stderr);
        string text = File.ReadAllText(doc);
        Assert.Contains("| 128/32 | offline, 40 requests at once; max_num_seqs 16, max_num_batched_tokens 4,096, kv_cache_free_memory_fraction 0.95, chunked prefill off | requests_per_s |", text, StringComparison.Ordinal);
        Assert.Contains("| 128/32 | closed loop, 4 clients, 20 requests | ttft_ms (p99) |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_catalog_summary_from_the_cross_validation_and_refuses_it_without_one()
    {
        using var dir = new TempDir();
        const string Header = "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes\n";
        string published = dir.Write("two.csv", Header
            + "a,one,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,16,,output_tokens_per_s,5000,\n"
            + "b,two,u,d,m,llama-3.1-8b,g,a100-80gb,1,1,bf16,bf16,e,offline,128,32,16,,output_tokens_per_s,2000,\n");
        string summary = Path.Combine(dir.Path, "validation", "published.yaml");

        CliRun refused = CliRun.Invoke("validate-performance", "--published", published, "--out", Path.Combine(dir.Path, "no.md"), "--catalog", Catalog, "--no-fit", "--catalog-summary", summary);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: --catalog-summary writes the cross-validated errors, which --no-fit skips", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(summary));

        CliRun run = CliRun.Invoke("validate-performance", "--published", published, "--out", Path.Combine(dir.Path, "yes.md"), "--catalog", Catalog, "--catalog-summary", summary);

        Assert.True(run.ExitCode == 0, run.Stderr);
        string text = File.ReadAllText(summary);
        Assert.Contains("  - gpu: h100-sxm\n    replicas: single_gpu\n    rows: 1\n    precisions: bf16\n", text, StringComparison.Ordinal);
        Assert.Contains("  - gpu: a100-80gb\n    replicas: single_gpu\n    rows: 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"and {summary} (2 published rows)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_screen_searches_the_grid_it_is_given_under_the_limits_it_names_and_never_writes_the_catalog_summary()
    {
        using var dir = new TempDir();
        const string Header = "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes,engine_profile\n";
        string published = dir.Write("two.csv", Header
            + "a,one,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,128,32,16,,output_tokens_per_s,5000,,tensorrt-llm\n"
            + "b,two,u,d,m,llama-3.1-8b,g,a100-80gb,1,1,bf16,bf16,e,offline,128,32,16,,output_tokens_per_s,2000,,vllm\n");
        string summary = Path.Combine(dir.Path, "published.yaml");
        string[] screen = ["--grid", "compute_efficiency=0.5,0.6", "--grid", "memory_efficiency=0.75", "--grid", "step_overhead_ms=1", "--grid", "pcie_all_reduce_efficiency=0.5",
            "--grid", "tp_attention_serial_share=0.1", "--grid", "activation_passes=0,8", "--limits", "own", "--vocabulary-step-time"];

        CliRun withSummary = CliRun.Invoke(["validate-performance", "--published", published, "--out", Path.Combine(dir.Path, "no.md"), "--catalog", Catalog, "--catalog-summary", summary, .. screen]);
        Assert.Equal(2, withSummary.ExitCode);
        Assert.Contains("a screen (--grid, --limits own, --vocabulary-step-time) validates an engine the simulator does not run", withSummary.Stderr, StringComparison.Ordinal);
        CliRun noFit = CliRun.Invoke(["validate-performance", "--published", published, "--out", Path.Combine(dir.Path, "no.md"), "--catalog", Catalog, "--no-fit", "--limits", "own"]);
        Assert.Equal(2, noFit.ExitCode);
        Assert.Contains("error: --grid and --limits own set what the grid searches, which --no-fit skips", noFit.Stderr, StringComparison.Ordinal);
        CliRun wrong = CliRun.Invoke(["validate-performance", "--published", published, "--out", Path.Combine(dir.Path, "no.md"), "--catalog", Catalog, "--grid", "activation_passes=-2"]);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("error: --grid activation_passes: '-2' is not a number in 0 to 100", wrong.Stderr, StringComparison.Ordinal);
        // Nor does it write into the repository's document: its default --out is refused for a screen.
        CliRun intoRepository = CliRun.Invoke(["validate-performance", "--published", published, "--catalog", Catalog, .. screen]);
        Assert.Equal(2, intoRepository.ExitCode);
        Assert.Contains("pass --out and --results to files elsewhere", intoRepository.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "no.md")));
        Assert.False(File.Exists(summary));

        string doc = Path.Combine(dir.Path, "screen.md");
        CliRun run = CliRun.Invoke(["validate-performance", "--published", published, "--out", doc, "--catalog", Catalog, .. screen]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        string text = File.ReadAllText(doc);
        Assert.Contains("The grid is compute efficiency 0.5, 0.6 × memory efficiency 0.75 × step overhead 1 ms", text, StringComparison.Ordinal);
        Assert.Contains("× activation passes per layer 0, 8 (a screen: the engine does not charge them)", text, StringComparison.Ordinal);
        Assert.Contains("runs under its own engine's scheduling limits (`--limits own`, a screen)", text, StringComparison.Ordinal);
        Assert.Contains("charges the LM head once per logit (`--vocabulary-step-time`, a screen)", text, StringComparison.Ordinal);
        Assert.Contains("| activation passes per layer (screen) |", text, StringComparison.Ordinal);
        Assert.Contains("| attention serial share | activation passes | held-out rows |", text, StringComparison.Ordinal);
        // The error per group names the model and the GPUs per replica, where a screen's trade between them shows.
        Assert.Contains("| model: llama-3.1-8b | 2 |", text, StringComparison.Ordinal);
        Assert.Contains("| GPUs per replica: 1 | 2 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_per_request_lengths_from_a_file_beside_the_published_rows()
    {
        using var dir = new TempDir();
        const string Header = "id,source,url,date,model,catalog_model,gpu,catalog_gpu,gpus,tensor_parallel,weight_precision,kv_precision,engine,scenario,input_tokens,output_tokens,requests,concurrency,metric,value,notes,length_spread,lengths_file\n";
        dir.Write("lengths.csv", "input_tokens,output_tokens\n120,30\n400,90\n");
        dir.Write("header.csv", "prompt,completion\n120,30\n");
        dir.Write("values.csv", "input_tokens,output_tokens\n120,30\n0,5\n");
        string bad = dir.Write("bad.csv", Header
            + "a,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,260,60,10,,output_tokens_per_s,100,,,missing.csv\n"
            + "b,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,260,60,10,,output_tokens_per_s,100,,,header.csv\n"
            + "c,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,260,60,10,,output_tokens_per_s,100,,,values.csv\n"
            + "d,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,concurrency,260,60,10,2,ttft_ms,100,,0.1,lengths.csv\n");

        CliRun run = CliRun.Invoke("validate-performance", "--published", bad, "--out", Path.Combine(dir.Path, "bad.md"), "--catalog", Catalog, "--no-fit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing.csv:1: error: lengths file not found", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.csv:2: error: lengths_file 'missing.csv' could not be read", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("header.csv:1: error: the header must be input_tokens,output_tokens", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("values.csv:3: error: '0,5' is not two positive whole numbers", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.csv:5: error: a row gives its lengths by lengths_file or by length_spread, not both", run.Stderr, StringComparison.Ordinal);

        string good = dir.Write("good.csv", Header
            + "traced,s,u,d,m,llama-3.1-8b,g,h100-sxm,1,1,bf16,bf16,e,offline,260,60,10,,output_tokens_per_s,100,,,lengths.csv\n");
        string doc = Path.Combine(dir.Path, "good.md");
        run = CliRun.Invoke("validate-performance", "--published", good, "--out", doc, "--catalog", Catalog, "--no-fit");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("| 260/60 (per request from lengths.csv) | offline, 10 requests at once | output_tokens_per_s |", File.ReadAllText(doc), StringComparison.Ordinal);
    }
}
