using Microsoft.ML.OnnxRuntime;
using Planner.Calibration.Models;

namespace Planner.Calibration.Runtime;

/// <summary>
/// Finds out whether a provider can run here the only sure way: load a one-operator model on it and
/// run it. Being compiled into the build is not enough — CUDA needs its libraries and a GPU.
/// </summary>
public static class ProviderCheck
{
    /// <summary>Every provider Planner knows, CPU first.</summary>
    public static IReadOnlyList<ProviderStatus> All(int deviceId = 0) =>
        Enum.GetValues<ExecutionProvider>().Select(p => Check(p, deviceId)).ToList();

    public static ProviderStatus Check(ExecutionProvider provider, int deviceId = 0)
    {
        if (!OnnxRuntimeEnvironment.Has(provider))
        {
            return new ProviderStatus(provider, false, false,
                $"not in this ONNX Runtime build ({OnnxRuntimeEnvironment.Version}; it has {OnnxRuntimeEnvironment.DescribeProviders()})");
        }
        try
        {
            Require(provider, deviceId);
            return new ProviderStatus(provider, true, true, provider == ExecutionProvider.Cpu ? "runs here" : $"runs here on device {deviceId}");
        }
        catch (ExecutionProviderUnavailableException e)
        {
            return new ProviderStatus(provider, true, false, e.Message);
        }
    }

    /// <summary>Throws, with the reason in one line, unless the provider runs a model here.</summary>
    /// <exception cref="ExecutionProviderUnavailableException">It cannot.</exception>
    public static void Require(ExecutionProvider provider, int deviceId = 0)
    {
        long mark = OnnxRuntimeEnvironment.Mark();
        try
        {
            BuiltModel probe = DecoderModelBuilder.Overhead();
            using ModelSession session = ModelSession.Create(probe.Bytes, new SessionSettings { Provider = provider, DeviceId = deviceId, IntraOpThreads = 1 });
            using HostTensor x = HostTensor.FromFloats([1], [1f]);
            using PreparedRun run = session.Prepare(new Dictionary<string, HostTensor> { ["x"] = x });
            run.RunSeconds();
        }
        catch (ModelLoadException e) when (e.InnerException is OnnxRuntimeException ort)
        {
            // The probe model is valid, so a load failure is the provider's (no device, a driver too old).
            throw ProviderFailure.Explain(provider, ort, OnnxRuntimeEnvironment.MessagesSince(mark));
        }
        catch (OnnxRuntimeException e)
        {
            throw ProviderFailure.Explain(provider, e, OnnxRuntimeEnvironment.MessagesSince(mark));
        }
    }
}
