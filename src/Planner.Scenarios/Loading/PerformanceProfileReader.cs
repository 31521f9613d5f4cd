using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Yaml;
using Planner.Scenarios.Profiles;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads <c>engine.performance_profile</c>: a profile file named relative to the scenario. Problems
/// inside the profile are reported at the scenario's key with the profile's own file:line:column;
/// a profile for another model or GPU, measured on a CPU, or extrapolated draws a warning.
/// </summary>
internal static class PerformanceProfileReader
{
    public static CalibratedProfileSpec? Read(YamlNode at, string path, LoadContext context, ModelArchitectureSpec? model, GpuSpec? gpu)
    {
        if (context.Read.Text(at, path) is not { } written)
        {
            return null;
        }
        if (context.Resolve(at, path, written) is not { } resolved)
        {
            return null;
        }
        PerformanceProfileReadResult result = context.Files.Profile(resolved);
        if (result.NotFound)
        {
            context.Read.Error(at, Messages.ProfileNotFound(path, written, resolved), Messages.ProfileHint);
            return null;
        }
        if (result.File.Status != InputFileStatus.Read)
        {
            (string message, string? allowed) = Messages.ReferencedFileProblem(path, "performance profile", written, resolved, result.File, YamlLimits.MaxFileBytes);
            context.Read.Error(at, message, allowed);
            return null;
        }
        foreach (Diagnostic d in result.Diagnostics)
        {
            string where = Path.GetRelativePath(context.BaseDirectory, d.File).Replace('\\', '/');
            string problem = $"{where}:{d.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{d.Column.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {d.Message}";
            if (d.IsError)
            {
                context.Read.Error(at, Messages.ProfileProblem(path, written, problem), d.Allowed);
            }
            else
            {
                context.Read.Warning(at, Messages.ProfileProblem(path, written, problem), d.Allowed);
            }
        }
        if (result.Document is not { } document)
        {
            return null;
        }
        if (model is not null && document.Model != model.Id)
        {
            context.Read.Warning(at, Messages.ProfileModelMismatch(path, document.Spec.Name, document.Model, model.Id));
        }
        if (document.HardwareKind == "cpu")
        {
            context.Read.Warning(at, Messages.ProfileOnCpu(path, document.Spec.Name, document.Spec.Hardware));
        }
        else if (gpu is not null && document.Gpu is string profileGpu && profileGpu != gpu.Id)
        {
            context.Read.Warning(at, Messages.ProfileGpuMismatch(path, document.Spec.Name, profileGpu, gpu.Id));
        }
        if (document.Spec.IsExtrapolated)
        {
            context.Read.Warning(at, Messages.ProfileExtrapolated(path, document.Spec.Name));
        }
        return document.Spec with { SourcePath = written };
    }
}
