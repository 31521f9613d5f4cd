namespace Planner.Calibration.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "Planner.sln")))
                {
                    return dir;
                }
            }
            throw new InvalidOperationException("Planner.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The CPU calibration committed with the repository (a real run of planner bench and planner calibrate).</summary>
    public const string CommittedProfile = "calibration/profiles/cpu-amd-epyc-llama-3.1-8b.yaml";
}
