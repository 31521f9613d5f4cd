using System.Globalization;

namespace Planner.Calibration.Onnx;

/// <summary>
/// Finds ONNX Runtime's native library: the path the user gave (<c>--ort-library</c>), then the
/// <c>PLANNER_ORT_LIBRARY</c> environment variable, then known install locations — the project's
/// own cache (<c>.tools/onnxruntime/&lt;version&gt;/linux-x64/</c>, filled by
/// <c>tests/setup/onnxruntime.sh</c>), system library folders and pip's <c>onnxruntime(-gpu)</c>.
/// </summary>
public static class OrtLibraryLocator
{
    /// <summary>The environment variable naming the library.</summary>
    public const string EnvironmentVariable = "PLANNER_ORT_LIBRARY";

    /// <summary>How to get a library, for every "not found" message.</summary>
    public const string InstallHint =
        "To install ONNX Runtime 1.30 for Planner, run `bash tests/setup/onnxruntime.sh` from the repository (the README's test command does this; "
        + "it caches the library under .tools/onnxruntime/), or by hand: `npm pack onnxruntime-node@1.30.0`, then "
        + "`tar -xzf onnxruntime-node-1.30.0.tgz package/bin/napi-v6/linux/x64/` and pass "
        + "--ort-library package/bin/napi-v6/linux/x64/libonnxruntime.so.1 (or set PLANNER_ORT_LIBRARY to it). "
        + "For a GPU, point either at an ONNX Runtime GPU build's libonnxruntime.so.1 (for example pip's onnxruntime-gpu, in site-packages/onnxruntime/capi/).";

    private static readonly string[] SystemLocations =
    [
        "/usr/local/lib/libonnxruntime.so.1",
        "/usr/local/lib/libonnxruntime.so",
        "/usr/lib/libonnxruntime.so.1",
        "/usr/lib/x86_64-linux-gnu/libonnxruntime.so.1",
        "/usr/lib/aarch64-linux-gnu/libonnxruntime.so.1",
        "/opt/onnxruntime/lib/libonnxruntime.so.1",
        "/opt/homebrew/lib/libonnxruntime.dylib",
        "/usr/local/lib/libonnxruntime.dylib",
    ];

    /// <summary>The library to load, from the explicit path, the environment, or the known locations.</summary>
    /// <exception cref="OrtLibraryNotFoundException">The named file does not exist, or nothing was found; the message says how to install it.</exception>
    public static string Find(string? explicitPath) =>
        Find(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), [Environment.CurrentDirectory, AppContext.BaseDirectory]);

    /// <summary>As <see cref="Find(string?)"/>, with the environment value and the folders to search upwards from given.</summary>
    public static string Find(string? explicitPath, string? environmentValue, IEnumerable<string> searchFrom)
    {
        ArgumentNullException.ThrowIfNull(searchFrom);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Existing(explicitPath, "--ort-library");
        }
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Existing(environmentValue, EnvironmentVariable);
        }
        var looked = new List<string>();
        foreach (string start in searchFrom)
        {
            for (string? dir = Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string cache = Path.Combine(dir, ".tools", "onnxruntime");
                looked.Add(cache);
                if (Cached(cache) is string found)
                {
                    return found;
                }
            }
        }
        foreach (string candidate in SystemLocations.Concat(PythonLocations()))
        {
            looked.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new OrtLibraryNotFoundException(
            $"ONNX Runtime's library (libonnxruntime.so.1) was not found: no --ort-library, no {EnvironmentVariable}, and nothing in {looked.Distinct().Count()} known locations "
            + $"(the project cache .tools/onnxruntime/ above the current folder, /usr/local/lib, /usr/lib, pip's onnxruntime).\n{InstallHint}");
    }

    private static string Existing(string path, string from)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }
        throw new OrtLibraryNotFoundException($"{from}: '{path}' does not exist (give the path of libonnxruntime.so.1)\n{InstallHint}");
    }

    /// <summary>The newest cached version's library under <paramref name="cache"/>.</summary>
    private static string? Cached(string cache)
    {
        if (!Directory.Exists(cache))
        {
            return null;
        }
        return Directory.GetDirectories(cache)
            .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d), out Version? v) ? v : new Version(0, 0)))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, PlatformFolder, LibraryFileName))
            .FirstOrDefault(File.Exists);
    }

    private static string PlatformFolder =>
        string.Create(CultureInfo.InvariantCulture, $"{(OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux")}-{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");

    private static string LibraryFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.1.dylib" : "libonnxruntime.so.1";

    /// <summary>pip installs of onnxruntime and onnxruntime-gpu keep the library in site-packages/onnxruntime/capi/.</summary>
    private static IEnumerable<string> PythonLocations()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] roots = [Path.Combine(home, ".local", "lib"), "/usr/local/lib", "/usr/lib"];
        foreach (string root in roots.Where(Directory.Exists))
        {
            IEnumerable<string> pythons;
            try
            {
                pythons = Directory.GetDirectories(root, "python3*").Order(StringComparer.Ordinal);
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            foreach (string python in pythons)
            {
                foreach (string packages in new[] { "site-packages", "dist-packages" })
                {
                    string capi = Path.Combine(python, packages, "onnxruntime", "capi");
                    if (Directory.Exists(capi))
                    {
                        foreach (string lib in Directory.GetFiles(capi, "libonnxruntime.so*").Order(StringComparer.Ordinal))
                        {
                            yield return lib;
                        }
                    }
                }
            }
        }
    }
}
