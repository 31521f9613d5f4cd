using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Catalogs;

/// <summary>
/// Loads the four catalog files of a directory (<c>gpus.yaml</c>, <c>gpu_prices.yaml</c>,
/// <c>api_prices.yaml</c>, <c>models.yaml</c>), reporting every problem with file:line:column.
/// </summary>
public static class CatalogLoader
{
    /// <summary>File holding GPUs under the top key <c>gpus</c>.</summary>
    public const string GpusFile = "gpus.yaml";

    /// <summary>File holding GPU rental prices under the top key <c>gpu_prices</c>.</summary>
    public const string GpuPricesFile = "gpu_prices.yaml";

    /// <summary>File holding API token prices under the top key <c>api_models</c>.</summary>
    public const string ApiPricesFile = "api_prices.yaml";

    /// <summary>File holding model architectures under the top key <c>models</c>.</summary>
    public const string ModelsFile = "models.yaml";

    /// <summary>The four file names, in the order they are read.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [GpusFile, GpuPricesFile, ApiPricesFile, ModelsFile];

    /// <summary>Optional folder of measured operator timings (<c>operators/*.yaml</c>, top key <c>operator_timings</c>).</summary>
    public const string OperatorsFolder = "operators";

    /// <summary>Optional folder of measured all-reduce times (<c>collectives/*.yaml</c>, top key <c>all_reduce</c>).</summary>
    public const string CollectivesFolder = "collectives";

    /// <summary>
    /// Optional folder of what published measurements say of the step-time model per GPU
    /// (<c>validation/*.yaml</c>, top key <c>performance_validation</c>), written by
    /// <c>planner validate-performance --catalog-summary</c>.
    /// </summary>
    public const string ValidationFolder = "validation";

    /// <summary>GPU-to-GPU links a GPU entry may name.</summary>
    public static IReadOnlyList<string> Interconnects { get; } = ["nvlink", "pcie"];

    /// <summary>Loads a catalog directory; never throws for bad or missing files.</summary>
    /// <param name="directory">The directory, as the user gave it (diagnostics name files under it).</param>
    public static CatalogLoadResult Load(string directory)
    {
        var bag = new DiagnosticBag();
        if (!System.IO.Directory.Exists(directory))
        {
            bag.Error(directory, 1, 1, File.Exists(directory) ? Messages.CatalogDirectoryIsFile(directory) : Messages.CatalogDirectoryNotFound(directory),
                Messages.CatalogDirectoryAllowed);
            return new CatalogLoadResult(null, bag.ToSortedList());
        }

        List<GpuCatalogEntry> gpus = ReadFile(directory, GpusFile, "gpus", bag, ReadGpu);
        bool gpusClean = !bag.HasErrors;
        var gpuIds = gpus.Select(g => g.Id).ToList();
        ILookup<string, OperatorTimingTable> operators = ReadFolder(directory, OperatorsFolder, "operator_timings", bag, r => ReadOperatorTable(r, gpusClean ? gpuIds : null));
        ILookup<string, CollectiveTimingTable> allReduce = ReadFolder(directory, CollectivesFolder, "all_reduce", bag, r => ReadAllReduceTable(r, gpusClean ? gpuIds : null));
        var firstValidation = new Dictionary<string, Mark>(StringComparer.Ordinal);
        ILookup<string, PerformanceValidationSpec> validation = ReadFolder(directory, ValidationFolder, "performance_validation", bag, r => ReadValidation(r, gpusClean ? gpuIds : null, firstValidation));
        gpus = [.. gpus.Select(g => g with { OperatorTimings = [.. operators[g.Id]], AllReduceTimings = [.. allReduce[g.Id]], Validations = [.. validation[g.Id]] })];
        List<GpuPriceCatalogEntry> prices = ReadFile(directory, GpuPricesFile, "gpu_prices", bag,
            reader => ReadGpuPrice(reader, gpusClean ? gpuIds : null));
        List<ApiModelCatalogEntry> apiModels = ReadFile(directory, ApiPricesFile, "api_models", bag, ReadApiModel);
        List<ModelCatalogEntry> models = ReadFile(directory, ModelsFile, "models", bag, ReadModel);

        Catalog? catalog = bag.HasErrors ? null : new Catalog(gpus, prices, apiModels, models);
        return new CatalogLoadResult(catalog, bag.ToSortedList());
    }

    private static List<T> ReadFile<T>(
        string directory, string fileName, string topKey, DiagnosticBag bag, Func<MappingReader, T?> readEntry)
        where T : class
    {
        string file = Path.Combine(directory, fileName);
        var context = new ReadContext(file, bag);
        var entries = new List<T>();
        InputFileResult read = InputFile.Read(file, YamlLimits.MaxFileBytes);
        if (read.Status != InputFileStatus.Read)
        {
            (string message, string? allowed) = Messages.FileProblem("catalog file", file, read, YamlLimits.MaxFileBytes, Messages.CatalogDirectoryAllowed);
            context.Error(Mark.Empty, message, allowed);
            return entries;
        }
        string text = read.Text();

        if (YamlDocumentParser.Parse(text, context) is not { } root)
        {
            return entries;
        }
        if (root is not YamlMappingNode rootMapping)
        {
            context.Error(root, Messages.CatalogTopKey(fileName, topKey));
            return entries;
        }
        var top = new MappingReader(context, rootMapping, "");
        YamlSequenceNode? list = top.Sequence(topKey, required: true);
        top.Finish();
        if (list is null)
        {
            return entries;
        }

        var firstById = new Dictionary<string, Mark>(StringComparer.Ordinal);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"{topKey}[{i}]";
            if (context.Mapping(list.Children[i], path) is not { } reader)
            {
                continue;
            }
            YamlNode? idNode = reader.Get("id");
            T? entry = readEntry(reader);
            reader.Finish();
            if (idNode is YamlScalarNode { Value: { } id })
            {
                if (firstById.TryGetValue(id, out Mark first))
                {
                    context.Error(idNode, Messages.DuplicateName(reader.PathOf("id"), "id", id),
                        Messages.FirstAt(ReadContext.LineOf(first), ReadContext.ColumnOf(first)));
                    continue;
                }
                firstById[id] = idNode.Start;
            }
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    /// <summary>Every table of an optional folder of measurements, by GPU id, files in name order.</summary>
    private static ILookup<string, T> ReadFolder<T>(string directory, string folderName, string topKey, DiagnosticBag bag, Func<MappingReader, GpuTable<T>?> read)
        where T : class
    {
        var entries = new List<GpuTable<T>>();
        string folder = Path.Combine(directory, folderName);
        if (System.IO.Directory.Exists(folder))
        {
            foreach (string file in System.IO.Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                entries.AddRange(ReadFile(directory, Path.Combine(folderName, Path.GetFileName(file)), topKey, bag, read));
            }
        }
        return entries.ToLookup(e => e.Gpu, e => e.Table, StringComparer.Ordinal);
    }

    private sealed record GpuTable<T>(string Gpu, T Table);

    /// <summary>What the optional <c>replicas</c> key of a validation summary may say, and what each means.</summary>
    private static readonly KeyValuePair<string, bool>[] ReplicaKinds = [new("single_gpu", false), new("multi_gpu", true)];

    /// <summary>
    /// One GPU's validation summary: its rows, their precisions, the cross-validated errors (shares,
    /// not percent) and where they come from; for replicas of one GPU, of several, or (no
    /// <c>replicas</c> key) of both.
    /// </summary>
    private static GpuTable<PerformanceValidationSpec>? ReadValidation(MappingReader r, IReadOnlyList<string>? knownGpus, Dictionary<string, Mark> first)
    {
        string? gpu = knownGpus is null ? r.Text("gpu", required: true) : r.Word("gpu", "GPU", knownGpus, required: true);
        bool? multiGpu = r.Choice("replicas", "kind of replica", ReplicaKinds);
        int? rows = r.Int("rows", ValueRange.Between(1, 1_000_000), required: true);
        string? precisions = r.Text("precisions", required: true);
        double? sourceHeldOut = r.Double("median_abs_error_source_held_out", ValueRange.Between(0, 100), required: true);
        double? bias = r.Double("bias_source_held_out", ValueRange.Between(-100, 100), required: true);
        double? gpuHeldOut = r.Double("median_abs_error_gpu_held_out", ValueRange.Between(0, 100), required: true);
        double? gpuBias = r.Double("bias_gpu_held_out", ValueRange.Between(-100, 100));
        string? source = r.Text("source", required: true);
        if (gpu is not null && r.Get("gpu") is { } node)
        {
            // One entry per GPU and kind of replica; an entry for both kinds excludes the others.
            string key = gpu + "\n" + (multiGpu?.ToString() ?? "any");
            string? clash = first.Keys.FirstOrDefault(k => k == key
                || (k.StartsWith(gpu + "\n", StringComparison.Ordinal) && (multiGpu is null || k.EndsWith("\nany", StringComparison.Ordinal))));
            if (clash is not null)
            {
                Mark earlier = first[clash];
                r.Context.Error(node, $"{r.PathOf("gpu")}: GPU '{gpu}' already has an entry for {(multiGpu is null ? "some" : "these")} replicas (one per GPU and `replicas`: single_gpu, multi_gpu, or one without the key for both)",
                    Messages.FirstAt(ReadContext.LineOf(earlier), ReadContext.ColumnOf(earlier)));
                return null;
            }
            first[key] = node.Start;
        }
        return gpu is null || rows is null || precisions is null || sourceHeldOut is null || bias is null || gpuHeldOut is null || source is null
            ? null
            : new GpuTable<PerformanceValidationSpec>(gpu, new PerformanceValidationSpec(rows.Value, precisions, sourceHeldOut.Value, bias.Value, gpuHeldOut.Value, source) { MultiGpu = multiGpu, BiasGpuHeldOut = gpuBias });
    }

    /// <summary>One all-reduce table: the GPU and GPU count it was measured on, its source, and times (ms) at strictly increasing sizes (bytes).</summary>
    private static GpuTable<CollectiveTimingTable>? ReadAllReduceTable(MappingReader r, IReadOnlyList<string>? knownGpus)
    {
        string? gpu = knownGpus is null ? r.Text("gpu", required: true) : r.Word("gpu", "GPU", knownGpus, required: true);
        string? source = r.Text("source", required: true);
        int? gpus = r.Int("gpus", ValueRange.Between(2, 64), required: true);
        IReadOnlyList<double>? bytes = Numbers(r, "bytes", new ValueRange(0, false, 1e15, true));
        IReadOnlyList<double>? ms = Numbers(r, "ms", ValueRange.Between(0, 1e6));
        if (gpu is null || source is null || gpus is null || bytes is null || ms is null)
        {
            return null;
        }
        const string Allowed = "as many ms as bytes, and bytes strictly increasing";
        if (ms.Count != bytes.Count)
        {
            r.Context.Error(r.Node, $"{r.Path}: {bytes.Count} bytes but {ms.Count} ms", Allowed);
            return null;
        }
        for (int i = 1; i < bytes.Count; i++)
        {
            if (bytes[i] <= bytes[i - 1])
            {
                r.Context.Error(r.Get("bytes")!, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.PathOf("bytes")}[{i}]: {bytes[i]} does not follow the previous size"), Allowed);
                return null;
            }
        }
        return new GpuTable<CollectiveTimingTable>(gpu, new CollectiveTimingTable
        {
            Gpus = gpus.Value,
            Bytes = bytes,
            Seconds = [.. ms.Select(v => v / 1000)],
            Source = source,
        });
    }

    /// <summary>
    /// One table: the GPU and layer shape it was measured on, its source, and per-layer and
    /// embedding times (ms) at strictly increasing token counts.
    /// </summary>
    private static GpuTable<OperatorTimingTable>? ReadOperatorTable(MappingReader r, IReadOnlyList<string>? knownGpus)
    {
        string? gpu = knownGpus is null ? r.Text("gpu", required: true) : r.Word("gpu", "GPU", knownGpus, required: true);
        string? source = r.Text("source", required: true);
        int? hidden = r.Int("hidden_size", Plausible.ModelDimension(1_000_000), required: true);
        int? intermediate = r.Int("intermediate_size", Plausible.ModelDimension(10_000_000), required: true);
        int? heads = r.Int("attention_heads", Plausible.ModelDimension(100_000), required: true);
        int? kvHeads = r.Int("kv_heads", ValueRange.Between(1, heads ?? 100_000), required: true);
        int? tp = r.Int("tensor_parallel", ValueRange.Between(1, 64), required: true);
        IReadOnlyList<double>? tokens = Numbers(r, "tokens", ValueRange.Between(1, 10_000_000));
        IReadOnlyList<double>? layer = Numbers(r, "layer_ms", new ValueRange(0, false, 1e6, true));
        IReadOnlyList<double>? embedding = Numbers(r, "embedding_ms", ValueRange.Between(0, 1e6));
        if (gpu is null || source is null || hidden is null || intermediate is null || heads is null || kvHeads is null || tp is null
            || tokens is null || layer is null || embedding is null)
        {
            return null;
        }
        string allowed = "as many layer_ms and embedding_ms as tokens, and tokens whole and strictly increasing";
        if (layer.Count != tokens.Count || embedding.Count != tokens.Count)
        {
            r.Context.Error(r.Node, $"{r.Path}: {tokens.Count} tokens but {layer.Count} layer_ms and {embedding.Count} embedding_ms", allowed);
            return null;
        }
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] != Math.Floor(tokens[i]) || (i > 0 && tokens[i] <= tokens[i - 1]))
            {
                r.Context.Error(r.Get("tokens")!, $"{r.PathOf("tokens")}[{i}]: {tokens[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} does not follow the previous count", allowed);
                return null;
            }
        }
        return new GpuTable<OperatorTimingTable>(gpu, new OperatorTimingTable
        {
            HiddenSize = hidden.Value,
            IntermediateSize = intermediate.Value,
            AttentionHeads = heads.Value,
            KvHeads = kvHeads.Value,
            TensorParallel = tp.Value,
            Tokens = [.. tokens.Select(t => (int)t)],
            LayerSeconds = [.. layer.Select(ms => ms / 1000)],
            EmbeddingSeconds = [.. embedding.Select(ms => ms / 1000)],
            Source = source,
        });
    }

    /// <summary>A required, non-empty list of numbers, each within <paramref name="range"/>.</summary>
    private static IReadOnlyList<double>? Numbers(MappingReader r, string key, ValueRange range)
    {
        if (r.Sequence(key, required: true) is not { } list)
        {
            return null;
        }
        if (list.Children.Count == 0)
        {
            r.Context.Error(list, $"{r.PathOf(key)}: the list is empty", "one number per measured point");
            return null;
        }
        var values = list.Children.Select((node, i) => r.Context.Double(node, $"{r.PathOf(key)}[{i}]", range)).ToList();
        return values.Any(v => v is null) ? null : [.. values.Select(v => v!.Value)];
    }

    private static GpuCatalogEntry? ReadGpu(MappingReader r)
    {
        string? id = r.Text("id", required: true);
        string? name = r.Text("name", required: true);
        double? memory = r.Double("memory_gb", Plausible.GpuMemoryGb, required: true);
        double? bandwidth = r.Double("hbm_bandwidth_gb_per_s", Plausible.BandwidthGbPerSecond, required: true);
        double? bf16 = r.Double("bf16_dense_tflops", Plausible.Tflops, required: true);
        double? fp8 = r.Double("fp8_dense_tflops", Plausible.Tflops);
        double? fp4 = r.Double("fp4_dense_tflops", Plausible.Tflops);
        double? int8 = r.Double("int8_dense_tops", Plausible.Tflops);
        double? tdp = r.Double("tdp_watts", Plausible.Watts, required: true);
        string? interconnect = r.Word("interconnect", "interconnect", Interconnects, required: true);
        double? interconnectBandwidth = r.Double("interconnect_bandwidth_gb_per_s", Plausible.BandwidthGbPerSecond, required: true);
        double? pcie = r.Double("pcie_bandwidth_gb_per_s", Plausible.BandwidthGbPerSecond, required: true);
        string? source = r.Text("source", required: true);
        DateOnly? asOf = r.Date("as_of", required: true);
        double? measuredBandwidth = MeasuredCeiling(r, "measured_hbm_gb_per_s", Plausible.BandwidthGbPerSecond, "hbm_bandwidth_gb_per_s", bandwidth);
        double? measuredBf16 = MeasuredCeiling(r, "measured_bf16_tflops", Plausible.Tflops, "bf16_dense_tflops", bf16);
        double? measuredFp8 = MeasuredCeiling(r, "measured_fp8_tflops", Plausible.Tflops, "fp8_dense_tflops", fp8);
        string? measuredSource = r.Text("measured_source");
        if ((measuredBandwidth ?? measuredBf16 ?? measuredFp8) is not null && measuredSource is null)
        {
            r.Context.Error(r.Node, Messages.MeasuredCeilingNeedsSource(r.Path), Messages.MeasuredCeilingSourceAllowed);
        }
        if (id is null || name is null || memory is null || bandwidth is null || bf16 is null || tdp is null
            || interconnect is null || interconnectBandwidth is null || pcie is null || source is null || asOf is null)
        {
            return null;
        }
        return new GpuCatalogEntry
        {
            Id = id,
            Name = name,
            MemoryGb = memory.Value,
            HbmBandwidthGbPerSecond = bandwidth.Value,
            Bf16DenseTflops = bf16.Value,
            Fp8DenseTflops = fp8,
            Fp4DenseTflops = fp4,
            Int8DenseTops = int8,
            TdpWatts = tdp.Value,
            Interconnect = interconnect,
            InterconnectBandwidthGbPerSecond = interconnectBandwidth.Value,
            PcieBandwidthGbPerSecond = pcie.Value,
            Source = source,
            AsOf = asOf.Value,
            MeasuredHbmBandwidthGbPerSecond = measuredBandwidth,
            MeasuredBf16DenseTflops = measuredBf16,
            MeasuredFp8DenseTflops = measuredFp8,
            MeasuredSource = measuredSource,
        };
    }

    /// <summary>
    /// An optional measured ceiling: what a real part reached, so never above the datasheet peak
    /// it sits beside, and only where that peak exists.
    /// </summary>
    private static double? MeasuredCeiling(MappingReader r, string key, ValueRange range, string peakKey, double? peak)
    {
        double? measured = r.Double(key, range);
        if (measured is null)
        {
            return null;
        }
        if (peak is null)
        {
            if (!r.Has(peakKey))
            {
                r.Context.Error(r.Get(key)!, Messages.MeasuredCeilingWithoutPeak(r.PathOf(key), peakKey), Messages.MeasuredCeilingWithoutPeakAllowed(peakKey));
            }
            return null;
        }
        if (measured.Value > peak.Value)
        {
            r.Context.Error(r.Get(key)!, Messages.MeasuredCeilingAbovePeak(r.PathOf(key), measured.Value, peakKey, peak.Value), Messages.MeasuredCeilingAllowed);
            return null;
        }
        return measured;
    }

    private static GpuPriceCatalogEntry? ReadGpuPrice(MappingReader r, IReadOnlyList<string>? knownGpus)
    {
        string? id = r.Text("id", required: true);
        string? gpu = r.Text("gpu", required: true);
        if (gpu is not null && knownGpus is not null && !knownGpus.Contains(gpu))
        {
            r.Context.Error(r.Get("gpu")!, Messages.UnknownCatalogId("gpu", gpu),
                Suggestions.Hint(gpu, knownGpus, Messages.SeeCatalogFile(GpusFile)));
            gpu = null;
        }
        string? provider = r.Text("provider", required: true);
        string? instance = r.Text("instance", required: true);
        string? region = r.Text("region", required: true);
        int? gpusPerInstance = r.Int("gpus_per_instance", ValueRange.Between(1, 1_024), required: true);
        double? onDemand = r.Double("on_demand_per_gpu_hour_usd", Plausible.GpuHourUsd, required: true);
        double? spot = r.Double("spot_per_gpu_hour_usd", Plausible.GpuHourUsd);
        double? reserved = r.Double("reserved_1y_per_gpu_hour_usd", Plausible.GpuHourUsd);
        string? source = r.Text("source", required: true);
        DateOnly? asOf = r.Date("as_of", required: true);
        string? spotSource = r.Text("spot_source");
        DateOnly? spotAsOf = r.Date("spot_as_of");
        if (!r.Has("spot_per_gpu_hour_usd") && (spotSource is not null || spotAsOf is not null))
        {
            YamlNode at = r.KeyNode(spotSource is not null ? "spot_source" : "spot_as_of")!;
            r.Context.Error(at, Messages.SpotSourceWithoutSpotPrice(r.PathOf(spotSource is not null ? "spot_source" : "spot_as_of")),
                Messages.SpotSourceWithoutSpotPriceAllowed);
            return null;
        }
        if (id is null || gpu is null || provider is null || instance is null || region is null || gpusPerInstance is null
            || onDemand is null || source is null || asOf is null)
        {
            return null;
        }
        return new GpuPriceCatalogEntry
        {
            Id = id,
            Gpu = gpu,
            Provider = provider,
            Instance = instance,
            Region = region,
            GpusPerInstance = gpusPerInstance.Value,
            OnDemandPerGpuHourUsd = onDemand.Value,
            SpotPerGpuHourUsd = spot,
            Reserved1yPerGpuHourUsd = reserved,
            Source = source,
            AsOf = asOf.Value,
            SpotSource = spotSource,
            SpotAsOf = spotAsOf,
        };
    }

    private static ApiModelCatalogEntry? ReadApiModel(MappingReader r)
    {
        string? id = r.Text("id", required: true);
        string? provider = r.Text("provider", required: true);
        string? model = r.Text("model", required: true);
        double? input = r.Double("input_per_million_usd", Plausible.PerMillionTokensUsd, required: true);
        double? output = r.Double("output_per_million_usd", Plausible.PerMillionTokensUsd, required: true);
        double? cached = r.Double("cached_input_per_million_usd", Plausible.PerMillionTokensUsd);
        double? batchDiscount = r.Double("batch_discount", ValueRange.FractionBelowOne);
        int? context = r.Int("context_window_tokens", ValueRange.Between(1, 100_000_000), required: true);
        string? source = r.Text("source", required: true);
        DateOnly? asOf = r.Date("as_of", required: true);
        if (id is null || provider is null || model is null || input is null || output is null || context is null
            || source is null || asOf is null)
        {
            return null;
        }
        return new ApiModelCatalogEntry
        {
            Id = id,
            Provider = provider,
            Model = model,
            InputPerMillionUsd = input.Value,
            OutputPerMillionUsd = output.Value,
            CachedInputPerMillionUsd = cached,
            BatchDiscount = batchDiscount,
            ContextWindowTokens = context.Value,
            Source = source,
            AsOf = asOf.Value,
        };
    }

    private static ModelCatalogEntry? ReadModel(MappingReader r)
    {
        string? id = r.Text("id", required: true);
        string? name = r.Text("name", required: true);
        double? parameters = r.Double("params_billion", Plausible.ParamsBillion, required: true);
        double? active = r.Double("active_params_billion",
            new ValueRange(0, false, parameters ?? double.PositiveInfinity, true), required: true);
        int? layers = r.Int("layers", Plausible.ModelDimension(10_000), required: true);
        int? hidden = r.Int("hidden_size", Plausible.ModelDimension(1_000_000), required: true);
        int? intermediate = r.Int("intermediate_size", Plausible.ModelDimension(10_000_000), required: true);
        int? heads = r.Int("attention_heads", Plausible.ModelDimension(100_000), required: true);
        int? kvHeads = r.Int("kv_heads", ValueRange.Between(1, heads ?? 100_000), required: true);
        int? headDim = r.Int("head_dim", Plausible.ModelDimension(100_000), required: true);
        int? vocab = r.Int("vocab_size", Plausible.ModelDimension(100_000_000), required: true);
        int? experts = r.Int("experts", Plausible.ModelDimension(100_000), required: true);
        int? expertsPerToken = r.Int("experts_per_token", ValueRange.Between(1, experts ?? int.MaxValue), required: true);
        int? maxContext = r.Int("max_context_tokens", Plausible.ModelDimension(100_000_000), required: true);
        bool? tied = r.Bool("tied_embeddings");
        string? source = r.Text("source", required: true);
        DateOnly? asOf = r.Date("as_of", required: true);
        if (id is null || name is null || parameters is null || active is null || layers is null || hidden is null
            || intermediate is null || heads is null || kvHeads is null || headDim is null || vocab is null
            || experts is null || expertsPerToken is null || maxContext is null || source is null || asOf is null)
        {
            return null;
        }
        return new ModelCatalogEntry
        {
            Id = id,
            Name = name,
            ParamsBillion = parameters.Value,
            ActiveParamsBillion = active.Value,
            Layers = layers.Value,
            HiddenSize = hidden.Value,
            IntermediateSize = intermediate.Value,
            AttentionHeads = heads.Value,
            KvHeads = kvHeads.Value,
            HeadDim = headDim.Value,
            VocabSize = vocab.Value,
            Experts = experts.Value,
            ExpertsPerToken = expertsPerToken.Value,
            MaxContextTokens = maxContext.Value,
            TiedEmbeddings = tied ?? false,
            Source = source,
            AsOf = asOf.Value,
        };
    }
}
