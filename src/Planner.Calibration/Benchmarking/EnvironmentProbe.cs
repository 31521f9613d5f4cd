using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Benchmarking;

/// <summary>Reads what the machine is: CPU model and memory (Linux /proc), GPU and driver (nvidia-smi, when a GPU provider is used).</summary>
public static class EnvironmentProbe
{
    public static EnvironmentInfo Probe(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (string? gpu, string? driver, double? gpuMemory) = settings.Provider == ExecutionProvider.Cpu ? (null, null, null) : NvidiaSmi(settings.DeviceId);
        return new EnvironmentInfo
        {
            CpuModel = CpuModel(),
            LogicalCores = Environment.ProcessorCount,
            MemoryGb = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9, 1),
            OperatingSystem = RuntimeInformation.OSDescription,
            GpuName = gpu,
            GpuDriver = driver,
            GpuMemoryGb = gpuMemory,
            OnnxRuntimeVersion = OnnxRuntimeEnvironment.Version,
            OnnxRuntimeBuild = OnnxRuntimeEnvironment.Build,
            OnnxRuntimeLibrary = OnnxRuntimeEnvironment.LibraryPath,
            OnnxRuntimeDevices = OnnxRuntimeEnvironment.Devices(),
            ExecutionProvider = OnnxRuntimeEnvironment.ShortName(settings.Provider),
            DeviceId = settings.DeviceId,
            Threads = settings.IntraOpThreads,
            DotnetVersion = RuntimeInformation.FrameworkDescription,
            LoadAverageOneMinute = LoadAverage(),
        };
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            if (File.Exists("/proc/loadavg")
                && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load))
            {
                return load;
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>The "model name" line of /proc/cpuinfo, else the architecture.</summary>
    public static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null && line.IndexOf(':', StringComparison.Ordinal) is int colon and >= 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() + " CPU";
    }

    /// <summary>A hardware id for file names: <c>cpu-amd-epyc</c>, <c>nvidia-h100-80gb-hbm3</c>.</summary>
    public static string HardwareId(EnvironmentInfo environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.GpuName is string gpu ? Slug(gpu) : "cpu-" + Slug(environment.CpuModel);
    }

    /// <summary>Lower-case letters, digits and single dashes.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = new List<char>();
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.')
            {
                chars.Add(c);
            }
            else if (chars.Count > 0 && chars[^1] != '-')
            {
                chars.Add('-');
            }
        }
        string slug = new string([.. chars]).Trim('-');
        return slug.Length > 0 ? slug : "unknown";
    }

    private static (string? Name, string? Driver, double? MemoryGb) NvidiaSmi(int device)
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi",
                ["--query-gpu=name,driver_version,memory.total", "--format=csv,noheader,nounits", "-i", device.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? process = Process.Start(start);
            if (process is null)
            {
                return (null, null, null);
            }
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(5000);
            string[] parts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split(',').Select(p => p.Trim()).ToArray() ?? [];
            if (parts.Length < 3)
            {
                return (null, null, null);
            }
            double? memory = double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double mib) ? Math.Round(mib / 1024, 1) : null;
            return (parts[0], parts[1], memory);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return (null, null, null);
        }
    }
}
