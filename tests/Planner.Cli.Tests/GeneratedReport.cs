using Planner.Reports.Json;

namespace Planner.Cli.Tests;

/// <summary>
/// One `planner run` of the small scenario, shared by the browser and PDF tests so that the
/// simulation and the PDF print happen once.
/// </summary>
public sealed class GeneratedReport : IDisposable
{
    private readonly TempDir _dir = new();

    public GeneratedReport()
    {
        string scenario = SmallScenario.WriteInto(_dir);
        Folder = System.IO.Path.Combine(_dir.Path, "out");
        Run = CliRun.Invoke("run", scenario, "--out", Folder);
        if (Run.ExitCode == 0)
        {
            Summary = SummaryJsonWriter.Deserialize(File.ReadAllText(System.IO.Path.Combine(Folder, "summary.json")));
        }
    }

    internal CliRun Run { get; }

    public string Folder { get; }

    public SummaryDocument? Summary { get; }

    public string Html => System.IO.Path.Combine(Folder, "report.html");

    public string Pdf => System.IO.Path.Combine(Folder, "report.pdf");

    public void Dispose() => _dir.Dispose();
}
