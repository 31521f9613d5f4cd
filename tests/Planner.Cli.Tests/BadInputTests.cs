namespace Planner.Cli.Tests;

/// <summary>Each kind of bad input gets a clear message, exit code 2, no stack trace and no report.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("frobnicate", "error: 'frobnicate' is not a command (allowed: run, optimize,")]
    [InlineData("rnu", "error: 'rnu' is not a command (did you mean 'run'?) (allowed: run, optimize,")]
    public void AnUnknownCommandIsOneErrorThatListsTheCommands(string command, string expected)
    {
        // It was "Required command was not provided." and "Unrecognized command or argument …", one mistake said twice.
        CliRun run = CliRun.Invoke(command, "x");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, run.Stderr.Trim().Split('\n').Length);
    }

    [Theory]
    [InlineData("horizon_months: 3", "horizon_monhts: 3", "did you mean")]
    [InlineData("horizon_months: 3", "horizon_months: 99", "1 to 60")]
    [InlineData("requests_per_day: 3000", "requests_per_day: lots", "expected a number")]
    [InlineData("share: 1.0", "share: 0.6", "sum")]
    [InlineData("gpu: h100-sxm", "gpu: h100-sxn", "h100-sxm")]
    [InlineData("model: llama-3.1-8b", "model: llama-3.1-70b\n    engine: {weight_precision: bf16}", "needs 141.1 GB")]
    [InlineData("seed: 5", "seed: [5", "YAML")]
    public void BadScenarioExitsTwoWithLocatedMessage(string good, string bad, string expected)
    {
        using var dir = new TempDir();
        Assert.Contains(good, SmallScenario.Text);
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text.Replace(good, bad, StringComparison.Ordinal));
        string output = Path.Combine(dir.Path, "out");

        CliRun run = CliRun.Invoke("run", scenario, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("small.yaml", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(output), "nothing may be written for bad input");
    }

    [Theory]
    // Tensor parallelism splits the 32 attention heads of Llama 3.1 8B evenly, and runs on one instance.
    [InlineData("gpus_per_replica: 1", "gpus_per_replica: 3", "cannot split llama-3.1-8b's 32 attention heads evenly")]
    [InlineData("gpus_per_replica: 1\n    pricing: {per_gpu_hour_usd: 2.5, gpus_per_instance: 1, model: on_demand, source: test quote, as_of: 2026-10-01}",
        "gpus_per_replica: 16\n    pricing: {catalog: aws-p5-48xlarge-us-east-1, model: on_demand}", "does not fit on one instance of 8 GPUs")]
    [InlineData("gpus_per_replica: 1\n    pricing: {per_gpu_hour_usd: 2.5, gpus_per_instance: 1, model: on_demand, source: test quote, as_of: 2026-10-01}",
        "gpus_per_replica: 2\n    pricing: {per_instance_hour_usd: 3, gpus_per_instance: 1, instance: one-gpu-vm, source: test quote, as_of: 2026-10-01}", "does not fit on one instance of 1 GPU")]
    [InlineData("- name: h100", "- name: " + "h100-with-a-name-far-too-long-to-be-a-chart-file-name-on-every-file-system", "1 to 64 letters")]
    [InlineData("name: small-e2e", "name: small-e2e-with-a-name-far-too-long-to-be-the-folder-of-its-reports-on-every-file-system", "(allowed: 1 to 64 lowercase letters")]
    public void ImpossibleReplicasAndOverlongNamesAreBadInput(string good, string bad, string expected)
    {
        using var dir = new TempDir();
        Assert.Contains(good, SmallScenario.Text);
        string text = SmallScenario.Text.Replace(good, bad, StringComparison.Ordinal);
        string scenario = SmallScenario.WriteInto(dir, text);
        CliRun run = CliRun.Invoke("validate", scenario);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void AScenarioNameTooLongForItsReportsFolderIsRefusedBeforeTheRun()
    {
        // 300 characters passed validate, then run failed with exit 1: cannot create the folder reports/aaa…: path too long.
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text.Replace("name: small-e2e", "name: " + new string('a', 300), StringComparison.Ordinal));
        string output = Path.Combine(dir.Path, "out");
        CliRun validate = CliRun.Invoke("validate", scenario);
        CliRun run = CliRun.Invoke("run", scenario, "--out", output);
        foreach (CliRun r in new[] { validate, run })
        {
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{scenario}:1:7: error: name: 'aaaaaaaaaaaaaaaaaaaa…' is 300 characters long, too long for a scenario name (allowed: 1 to 64 lowercase letters", r.Stderr);
        }
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--samples", "0")]
    [InlineData("--samples", "-1")]
    public void AMonteCarloOfNoSamplesIsBadInput(string option, string value)
    {
        CliRun run = CliRun.Invoke("run", RepoPaths.Scenario("chat-seed-stage.yaml"), option, value, "--out", Path.Combine(Path.GetTempPath(), "planner-never-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a Monte Carlo needs at least one sample (allowed: --samples 1 to 100,000", run.Stderr);
    }

    [Fact]
    public void AValueOfTheWrongTypeSaysWhatIsAllowedNotWhichDotNetType()
    {
        CliRun run = CliRun.Invoke("run", RepoPaths.Scenario("chat-seed-stage.yaml"), "--seed", "abc");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--seed: 'abc' is not allowed here (allowed: a whole number from 0 to 18,446,744,073,709,551,615)", run.Stderr);
        Assert.DoesNotContain("System.", run.Stderr);
    }

    [Theory]
    [InlineData("--gpus", "")]
    [InlineData("--gpus", ",")]
    [InlineData("--precisions", " ")]
    public void AnEmptyListForTheSearchIsBadInputNamedAsSuch(string option, string value)
    {
        CliRun run = CliRun.Invoke("optimize", RepoPaths.Scenario("chat-seed-stage.yaml"), option, value, "--out", Path.Combine(Path.GetTempPath(), "planner-never-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {option} names nothing (allowed: a comma-separated list, or leave {option} out for its default)", run.Stderr);
        Assert.DoesNotContain("see the notes above", run.Stderr);
    }

    [Theory]
    [InlineData("--max-seqs", "1,,2", "1,2,4")]
    [InlineData("--targets", "8,", "1,2,4")]
    [InlineData("--gpus", "h100-sxm,,l40s", "h100-sxm,l40s")]
    public void AnEmptyItemInASearchListIsBadInputNotDroppedInSilence(string option, string value, string example)
    {
        // `--max-seqs 1,,2` searched 1 and 2, saying nothing of the item left out.
        CliRun run = CliRun.Invoke("optimize", RepoPaths.Scenario("chat-seed-stage.yaml"), option, value, "--out", Path.Combine(Path.GetTempPath(), "planner-never-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {option}: '{value}' has an empty item between commas (allowed: a comma-separated list without empty items, for example {example})", run.Stderr);
    }

    [Fact]
    public void A_folder_given_as_the_published_measurements_is_named_as_a_folder()
    {
        CliRun run = CliRun.Invoke("validate-performance", "--published", Path.GetTempPath(), "--no-fit", "--out", Path.Combine(Path.GetTempPath(), "planner-never-" + Guid.NewGuid().ToString("N"), "V.md"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a folder (allowed: a CSV file of published measurements", run.Stderr);
    }

    [Theory]
    [InlineData("--out", "--seed", "3")]
    [InlineData("-o", "--seed")]
    [InlineData("--catalog", "--seed", "3")]
    public void AnOptionWhoseValueIsLeftOutDoesNotTakeTheNextOption(params string[] options)
    {
        // `-o --seed` wrote into a folder named "--seed" (exit 0); `-o --seed 3` read 3 as a scenario file.
        CliRun run = CliRun.Invoke(["run", RepoPaths.Scenario("chat-seed-stage.yaml"), .. options]);
        Assert.Equal(2, run.ExitCode);
        string option = options[0] == "-o" ? "--out" : options[0];
        Assert.Contains($"error: {option} has no value: '{options[1]}' after it is an option (give {option} its value; a value that starts with '-' is written ./{options[1]} for a path)", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("--seed", "5", "--seed")]
    [InlineData("-o", "X", "-o")]
    [InlineData("--seed=5", "--seed")]
    public void AnOptionOfOneValueGivenTwiceIsBadInputNotTheFirstValueSilently(params string[] options)
    {
        // `run … --seed 5 --seed` ran with seed 5, and `-o X -o` wrote into X, saying nothing.
        CliRun run = CliRun.Invoke(["run", RepoPaths.Scenario("chat-seed-stage.yaml"), .. options]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(options[0].StartsWith("-o", StringComparison.Ordinal) ? "--out is given 2 times (allowed: once)" : "--seed is given 2 times (allowed: once)", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void ASampleCountOrCheckOutOfRangeIsNamedAlone()
    {
        // Both were said together ("--samples must be … and --check-surrogate …"), whichever was wrong.
        CliRun run = CliRun.Invoke("run", RepoPaths.Scenario("chat-seed-stage.yaml"), "--samples", "100", "--check-surrogate", "-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --check-surrogate: -1 is out of range (allowed: 0 to 100)", run.Stderr);
        Assert.DoesNotContain("--samples:", run.Stderr);
    }

    [Fact]
    public void ASwitchCostBeyondAScenariosOneTimeCostsIsBadInput()
    {
        // 1e308 was taken, and the search printed 300-digit dollar figures.
        CliRun run = CliRun.Invoke("optimize", RepoPaths.Scenario("chat-seed-stage.yaml"), "--switch-cost", "1e308", "--retune-cost", "-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--switch-cost: 1E+308 USD is out of range (allowed: 0 to 1,000,000,000,000 USD, as a scenario's one-time costs)", run.Stderr);
        Assert.Contains("--retune-cost: -1 USD is out of range", run.Stderr);
    }

    [Fact]
    public void AnUnknownOptionIsNotReadAsAScenarioFile()
    {
        CliRun run = CliRun.Invoke("validate", RepoPaths.Scenario("chat-seed-stage.yaml"), "--catalogue", RepoPaths.Scenario("catalog"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--catalogue' for 'planner validate' (did you mean --catalog?)", run.Stderr);
        Assert.DoesNotContain("scenario file not found", run.Stderr);
        Assert.DoesNotContain(": ok", run.Stdout);
    }

    [Fact]
    public void ScenarioErrorsCarryLineAndColumn()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text.Replace("horizon_months: 3", "horizon_months: 0", StringComparison.Ordinal));
        CliRun run = CliRun.Invoke("validate", scenario);
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"small\.yaml:4:17: error: horizon_months", run.Stderr);
    }

    [Fact]
    public void AllErrorsAreReportedTogether()
    {
        using var dir = new TempDir();
        string text = SmallScenario.Text
            .Replace("horizon_months: 3", "horizon_months: 0", StringComparison.Ordinal)
            .Replace("gpu: h100-sxm", "gpu: nope", StringComparison.Ordinal)
            .Replace("share: 1.0", "share: 0.5", StringComparison.Ordinal);
        string scenario = SmallScenario.WriteInto(dir, text);
        CliRun run = CliRun.Invoke("validate", scenario);
        Assert.Equal(2, run.ExitCode);
        Assert.True(run.Stderr.Split('\n').Count(l => l.Contains(": error: ", StringComparison.Ordinal)) >= 3, run.Stderr);
    }

    [Fact]
    public void MissingScenarioFile()
    {
        CliRun run = CliRun.Invoke("run", "/nonexistent/none.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not found", run.Stderr);
    }

    [Fact]
    public void UnknownOptionListsHelp()
    {
        CliRun run = CliRun.Invoke("run", RepoPaths.Scenario("voice-agent.yaml"), "--sed", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sed", run.Stderr);
    }

    [Fact]
    public void UnknownCatalogSectionListsAllowedValues()
    {
        CliRun run = CliRun.Invoke("catalog", "gpuz");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gpus", run.Stderr);
    }

    [Fact]
    public void AnOutputFolderInsideAFileIsBadInputNamingTheFile()
    {
        // A folder asked for inside a file: exit 1 with .NET's "Could not find a part of the path"
        // until 2026-12-07; it is a choice of folder, as --out naming a file is (exit 2).
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir);
        string blocker = dir.Write("not-a-folder", "x");
        CliRun run = CliRun.Invoke("run", scenario, "--out", Path.Combine(blocker, "sub"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"would be a folder inside {blocker}, which is a file (allowed: a folder", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("x", File.ReadAllText(blocker));
    }
}
