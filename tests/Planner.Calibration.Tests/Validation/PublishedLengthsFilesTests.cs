using Planner.Calibration.Tests.Support;
using Planner.Calibration.Validation;

namespace Planner.Calibration.Tests.Validation;

/// <summary>
/// The SGLang rows' lengths files (<c>calibration/validation/lengths/</c>) stand for the draw of
/// the benchmark's seeded random dataset, rebuilt by <c>sglang_random_lengths.py</c>. A run's
/// published input and output token throughputs share its duration, so their ratio is the draw's
/// total input over total output tokens: the committed files must reproduce the published
/// figures (SGLang pull request 6168, NVIDIA_H200.md, FA3 runs), and the rows must name them.
/// </summary>
public sealed class PublishedLengthsFilesTests
{
    [Theory]
    [InlineData("sglang-random-1024-1024-200.csv", 1024, 1024, 5232.96, 5355.04)]
    [InlineData("sglang-random-8192-1024-200.csv", 8192, 1024, 17652.56, 2275.40)]
    [InlineData("sglang-random-8192-8192-200.csv", 8192, 8192, 2419.37, 2588.25)]
    public void Each_sglang_lengths_file_gives_the_published_input_to_output_ratio(string file, int inputLen, int outputLen, double inputTokensPerS, double outputTokensPerS)
    {
        var errors = new List<string>();
        RequestLengths? lengths = RequestLengths.Read(Path.Combine(Repository.Root, "calibration", "validation", "lengths", file), errors);

        Assert.Empty(errors);
        Assert.NotNull(lengths);
        Assert.Equal(200, lengths.Input.Count);
        // Range ratio 0: prompts uniform in [1, X], outputs in [0, Y].
        Assert.All(lengths.Input, n => Assert.InRange(n, 1, inputLen));
        Assert.All(lengths.Output, n => Assert.InRange(n, 0, outputLen));
        double ratio = (double)lengths.Input.Sum() / lengths.Output.Sum();
        // The published throughputs have six significant digits.
        Assert.Equal(inputTokensPerS / outputTokensPerS, ratio, 1e-5 * ratio);
    }

    [Fact]
    public void The_sglang_rows_name_the_file_of_their_own_lengths()
    {
        var errors = new List<string>();
        IReadOnlyList<PublishedMeasurement> rows = PublishedMeasurementReader.Read(
            Path.Combine(Repository.Root, "calibration", "validation", "published.csv"), CatalogSpecs.Models, CatalogSpecs.Gpus, errors);

        Assert.Empty(errors);
        List<PublishedMeasurement> sglang = [.. rows.Where(r => r.Id.StartsWith("sglang-", StringComparison.Ordinal))];
        Assert.Equal(3, sglang.Count);
        Assert.All(sglang, r => Assert.Equal($"sglang-random-{r.InputTokens}-{r.OutputTokens}-200.csv", r.Lengths?.Name));
    }
}
