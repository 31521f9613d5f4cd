using System.Globalization;

namespace Planner.Scenarios.Diagnostics;

/// <summary>
/// Every message the loaders write, in one place so the wording stays consistent.
/// Messages say what is wrong; the "allowed" texts (printed in parentheses) say what would be accepted.
/// </summary>
internal static class Messages
{
    public const string ScenarioNamePattern = "1 to 64 lowercase letters, digits and '-', starting with a letter or digit (it names the reports folder too)";
    public const string OptionNamePattern = "1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit (it names chart files too)";
    public const string StaleHint = "prices older than 12 months may be stale";

    // Files and YAML syntax.
    public const string EmptyDocument = "the file holds no YAML document";
    public const string MoreThanOneDocument = "a file holds one YAML document; found a second one here";

    public const string OneDocumentAllowed = "allowed: one YAML document: a mapping of keys to values";

    public const string SecondDocumentAllowed = "allowed: one document per file; a line '---' starts another";

    public static string FileNotFound(string what, string path) => $"{what} not found: {path}";

    public static string FileUnreadable(string what, string path, string reason) => $"cannot read {what} {path}: {reason}";

    public static string MalformedYaml(string detail) => $"malformed YAML: {detail}";

    public const string MalformedYamlHere = "malformed YAML after this point (an unclosed bracket, brace or quote?)";

    public const string TabIndentation = "this line is indented with a tab; YAML indents with spaces, not tabs";

    public const string TabIndentationAllowed = "allowed: spaces before a key or a list item, as many as the lines around it use; a tab may stand inside a value, not before it";

    public static string DuplicateKey(string key) => $"duplicate key '{key}'";

    public static string NestedTooDeep { get; } =
        Invariant($"lists and mappings are nested more than {Yaml.YamlLimits.MaxDepth} deep here");

    public static string DepthAllowed { get; } =
        Invariant($"allowed: at most {Yaml.YamlLimits.MaxDepth} levels, counting those an alias brings in");

    public static string ScalarTooLong(int length) => Invariant($"this key or value is {length:#,##0} characters long");

    public static string ScalarLengthAllowed { get; } = Invariant($"allowed: at most {Yaml.YamlLimits.MaxScalarLength:#,##0} characters in one key or value");

    public static string KeyTooLong(int length) =>
        Invariant($"this key is {length:#,##0} characters long, longer than YAML's {Yaml.YamlLimits.MaxPlainKeyLength:#,##0}-character limit for plain keys");

    public static string KeyLengthAllowed { get; } =
        Invariant($"allowed: at most {Yaml.YamlLimits.MaxPlainKeyLength:#,##0} characters before the ':'; Planner's keys are short names such as 'requests_per_day', so this is probably a typo or a value pasted where a key belongs");

    public static string CollectionTooLong(bool isList) =>
        Invariant($"this {(isList ? "list has" : "mapping has")} more than {Yaml.YamlLimits.MaxCollectionItems:#,##0} {(isList ? "items" : "keys")}");

    public static string CollectionAllowed(bool isList) =>
        Invariant($"allowed: at most {Yaml.YamlLimits.MaxCollectionItems:#,##0} {(isList ? "items in one list" : "keys in one mapping")}");

    public static string TooManyNodes { get; } =
        Invariant($"the document stands for more than {Yaml.YamlLimits.MaxExpandedNodes:#,##0} values once its aliases are expanded");

    public static string NodesAllowed { get; } =
        Invariant($"allowed: at most {Yaml.YamlLimits.MaxExpandedNodes:#,##0}, counting each alias as a copy of what it names");

    public static string UnknownAlias(string name) => $"alias '*{name}' names no anchor defined before it";

    public static string AliasInsideItself(string name) => $"alias '*{name}' refers to the list or mapping that contains it";

    public const string AliasAllowed = "allowed: an alias of a node anchored (&name) and completed earlier in the file";

    public const string UnreadableAllowed = "allowed: a file this user may read";

    /// <summary>What is wrong with a file that could not be read, and what would be accepted.</summary>
    /// <param name="what">The kind of file, as messages name it.</param>
    /// <param name="path">The file.</param>
    /// <param name="result">What reading it gave.</param>
    /// <param name="maxBytes">The largest file of this kind.</param>
    /// <param name="notFoundAllowed">What is allowed where the file does not exist (null to say nothing).</param>
    public static (string Message, string? Allowed) FileProblem(string what, string path, Files.InputFileResult result, long maxBytes,
        string? notFoundAllowed = null) => result.Status switch
    {
        Files.InputFileStatus.Directory => ($"{what} {path} is a directory, not a file", "allowed: the path of a file"),
        Files.InputFileStatus.TooLarge => ($"{what} {path} is larger than {Yaml.YamlLimits.DescribeBytes(maxBytes)}",
            $"allowed: at most {Yaml.YamlLimits.DescribeBytes(maxBytes)}"),
        Files.InputFileStatus.Unreadable => (FileUnreadable(what, path, result.Reason ?? "unknown error"), UnreadableAllowed),
        Files.InputFileStatus.TimedOut => (Invariant($"cannot read {what} {path}: no data within {Files.InputFile.ReadTimeout.TotalSeconds:0} s"),
            "allowed: a regular file, not a pipe or device that nobody writes to"),
        _ => (FileNotFound(what, path), notFoundAllowed),
    };

    public const string ScenarioFileAllowed = "allowed: the path of a scenario file, absolute or relative to the current folder";

    public static string PathControlCharacter(string path, string character, int index) =>
        Invariant($"{path}: the path holds the control character {character} at position {index + 1}");

    public const string PathAllowed = "allowed: a file path of printable characters, relative to the scenario's folder";

    public static string FirstAt(int line, int column) => Invariant($"first given at {line}:{column}");

    public static string MergeNeedsMapping(string path, string got) => $"{path}: expected an anchored mapping to merge, got {got}";

    public static string KeyNotAName(string got) => $"a key must be a plain name, got {got}";

    // Keys and value types.
    public static string UnknownKey(string path) => $"unknown key '{path}'";

    public static string MissingKey(string key, string parentPath) =>
        parentPath.Length == 0 ? $"missing required key '{key}'" : $"missing required key '{key}' in {parentPath}";

    public static string MissingValue(string path) => $"{path}: a value is required";

    public static string ExpectedText(string path, string got) => $"{path}: expected a text value, got {got}";

    public static string ExpectedNumber(string path, string got) => $"{path}: expected a number, got {got}";

    public static string ExpectedFiniteNumber(string path, string got) => $"{path}: expected a finite number, got {got}";

    public static string ExpectedInteger(string path, string got) => $"{path}: expected an integer, got {got}";

    public static string ExpectedMonth(string path, string got) => $"{path}: expected a month as YYYY-MM, got {got}";

    public static string ExpectedDate(string path, string got) => $"{path}: expected a date as YYYY-MM-DD, got {got}";

    public static string ExpectedBoolean(string path, string got) => $"{path}: expected true or false, got {got}";

    public static string ExpectedMapping(string path, string got) => $"{path}: expected a mapping, got {got}";

    public static string ExpectedList(string path, string got) => $"{path}: expected a list, got {got}";

    public static string OutOfRange(string path, string value) => $"{path}: {value} is out of range";

    public static string UnknownWord(string path, string what, string value) => $"{path}: unknown {what} '{value}'";

    // Hints (the parenthesised part).
    public static string Allowed(string description) => $"allowed: {description}";

    public static string AllowedList(IEnumerable<string> values) => $"allowed: {string.Join(", ", values)}";

    public static string ForExample(string example) => $"for example: {example}";

    /// <summary>An "allowed" text followed by an example of the form.</summary>
    public static string AllowedWithExample(string allowed, string example) => $"{allowed}; for example: {example}";

    public static string AllowedKeys(IEnumerable<string> keys) => $"allowed keys: {string.Join(", ", keys)}";

    public static string DidYouMean(IEnumerable<string> values) => $"did you mean: {string.Join(", ", values)}?";

    // Scenario rules.
    public static string InvalidScenarioName(string value) =>
        value.Length > 64 ? Invariant($"name: '{value[..20]}…' is {value.Length} characters long, too long for a scenario name") : $"name: '{value}' is not a valid scenario name";

    public static string InvalidOptionName(string path, string value) => $"{path}: '{value}' is not a valid option name";

    public static string UnsupportedCurrency(string value) => $"currency: '{value}' is not supported";

    public static string SharesDoNotSumToOne(string path, double sum) =>
        Invariant($"{path}: class shares sum to {sum:0.########}, not 1");

    public const string SharesTolerance = "shares must add up to 1 within 1e-6";

    public static string DuplicateName(string path, string what, string name) => $"{path}: duplicate {what} '{name}'";

    public static string TooFewOptions(int count) =>
        Invariant($"options: a scenario compares at least 2 options, found {count}");

    public static string BaselineNamesNoOption(string name) => $"baseline: '{name}' is not the name of an option";

    public const string BaselineAllowed = "allowed: the name of one of the options";

    public static string ExclusiveKeys(string path, string first, string second) =>
        path.Length == 0
            ? $"give either '{first}' or '{second}', not both"
            : $"{path}: give either '{first}' or '{second}', not both";

    public static string OneOfKeysRequired(string path, string first, string second) =>
        $"{path}: one of '{first}' or '{second}' is required";

    /// <summary>What is allowed where <paramref name="key"/> must exceed <paramref name="otherKey"/>, whose value is <paramref name="other"/>.</summary>
    public static string MustExceedAllowed(string key, string otherKey, double other) =>
        Invariant($"allowed: {key} > {otherKey}, here more than {other:0.##########}");

    /// <summary>What is allowed where <paramref name="key"/> must be at least <paramref name="otherKey"/>, whose value is <paramref name="other"/>.</summary>
    public static string AtLeastAllowed(string key, string otherKey, double other) =>
        Invariant($"allowed: {key} >= {otherKey}, here {other:0.##########} or more");

    public static string MustExceed(string path, string key, double value, string otherKey, double other) =>
        Invariant($"{path}: {key} ({value:0.##########}) must be greater than {otherKey} ({other:0.##########})");

    public static string MustBeAtLeast(string path, string key, double value, string otherKey, double other) =>
        Invariant($"{path}: {key} ({value:0.##########}) must be at least {otherKey} ({other:0.##########})");

    public static string MeasuredCeilingAbovePeak(string path, double measured, string peakKey, double peak) =>
        Invariant($"{path} ({measured:0.##########}) is above the datasheet peak {peakKey} ({peak:0.##########})");

    public const string MeasuredCeilingAllowed = "allowed: a measured ceiling at most the datasheet peak beside it (check the units: GB/s and dense TFLOPS)";

    public static string MeasuredCeilingWithoutPeak(string path, string peakKey) => $"{path}: give the datasheet peak '{peakKey}' beside a measured ceiling";

    public static string MeasuredCeilingWithoutPeakAllowed(string peakKey) => $"allowed: a measured ceiling beside its datasheet peak {peakKey}, or neither";

    public static string MeasuredCeilingNeedsSource(string path) => $"{path}: measured ceilings need 'measured_source'";

    public const string MeasuredCeilingSourceAllowed = "allowed: measured_source says where and how the ceilings were measured (hardware, software, date, files)";

    public const string WorkloadNeedsClassesOrReplay = "workload: give 'classes' (a list of request classes) or 'replay' (a trace)";

    public static string WorkloadNeedsClassesOrReplayAllowed { get; } = AllowedWithExample(
        "allowed: classes, a list of request classes with their shares and token counts, or replay, a trace of arrivals and token counts",
        $"{ShapeExamples.ForCollection("workload.classes")}, or {ShapeExamples.ForCollection("workload.replay")}");

    public const string ArrivalsWithReplayAllowed = "allowed: arrivals beside classes; a replay takes its arrival times from the trace";

    public const string VolumeBasisAllowed =
        "allowed: requests_per_day (a week's average day) or requests_per_weekday (a weekday; weekend days carry weekend_factor times it)";

    public static string GrowthFormsAllowed { get; } = Invariant(
        $"allowed: monthly_rate, one rate for every month ({Loading.Plausible.GrowthRate.Describe()}), or per_month, a list of rates, one per month, the last repeating");

    public static string RequestClassesAllowed { get; } = Invariant($"allowed: 1 to {Loading.Plausible.MaxRequestClasses} request classes");

    public static string MonthlyRatesAllowed(int max) => Invariant($"allowed: 1 to {max} rates, one per month of the horizon");

    public static string EmptyList(string path) => $"{path}: the list is empty";

    public const string ValuesAllowed = "allowed: one or more values";

    public static string VolumeOutOfRange(string path, double requestsPerDay, int month, bool tooHigh) =>
        Invariant($"{path}: traffic {(tooHigh ? "grows" : "falls")} to {requestsPerDay:0.###e+0} requests/day by month {month}");

    public static string VolumeAllowed(double min, double max) =>
        Invariant($"allowed: {min} to {max:#,##0} requests/day in every month of the horizon; change requests_per_day or the growth, or shorten horizon_months");

    public static string TooManyItems(string path, int count, string what) => Invariant($"{path}: {count:#,##0} {what}");

    public static string AtMost(int max, string what) => Invariant($"at most {max:#,##0} {what}");

    public static string HourlyWeightCount(string path, int count) =>
        Invariant($"{path}: expected 24 hourly weights, got {count}");

    public static string HourlyWeightsAllZero(string path) => $"{path}: the hourly weights are all zero";

    public static string HourlyWeightsAllowed { get; } =
        $"allowed: 24 weights >= 0, at least one of them > 0, or a named shape: {string.Join(", ", Loading.DailyShapes.Names)}";

    public static string CvOnlyWithGamma(string path) => $"{path}: 'cv' applies only to gamma arrivals; poisson arrivals have cv 1";

    public static string CvAllowed { get; } =
        Invariant($"allowed: cv from {Loading.Plausible.ArrivalCv.Describe()} beside process: gamma; no cv with poisson arrivals");

    public static string LognormalParameters(string path) => $"{path}: a lognormal distribution needs 'mean' and 'sd', or 'median' and 'p95'";

    /// <summary>The two ways to quote a lognormal, each of whose figures lies in <paramref name="range"/>.</summary>
    public static string LognormalFormsAllowed(Yaml.ValueRange range) =>
        $"allowed: mean and sd, or median and p95 with p95 > median, each {range.Describe()}";

    public static string FixedCostForm(string path) =>
        $"{path}: a fixed cost needs either 'monthly_usd', or 'ftes' with 'loaded_salary_per_year_usd'";

    public static string FixedCostFormAllowed { get; } = AllowedWithExample(
        Invariant($"allowed: monthly_usd ({Loading.Plausible.MonthlyUsd.Describe()}) alone, or ftes ({Loading.Plausible.Ftes.Describe()}) with loaded_salary_per_year_usd ({Loading.Plausible.SalaryPerYearUsd.Describe()})"),
        "{name: monitoring, monthly_usd: 400}, or {name: inference engineer, ftes: 0.25, loaded_salary_per_year_usd: 220000}");

    public static string PriceRequired(string path) =>
        $"{path}: give a price: 'catalog' (an id in catalog/gpu_prices.yaml), 'per_gpu_hour_usd' or 'per_instance_hour_usd'";

    public static string PriceAllowed { get; } = AllowedWithExample(
        Invariant($"allowed: catalog, or per_gpu_hour_usd ({Loading.Plausible.GpuHourUsd.Describe()}) or per_instance_hour_usd ({Loading.Plausible.InstanceHourUsd.Describe()}) with gpus_per_instance"),
        "{catalog: aws-g6-xlarge-us-east-1}, or {per_gpu_hour_usd: 0.80, gpus_per_instance: 1}");

    public const string PerGpuOrPerInstanceAllowed =
        "allowed: per_gpu_hour_usd (a price per GPU) or per_instance_hour_usd (a price per instance, shared by its gpus_per_instance GPUs)";

    public static string PriceUnitRequired(string path) =>
        $"{path}: say what the price rents with 'gpus_per_instance' (instances are billed whole)";

    public const string PriceUnitAllowed =
        "allowed: gpus_per_instance: 1 for a price per single GPU (per-GPU marketplaces, 1-GPU instances), or the GPUs of the instance the price is for, 1 to 64 (8 for an 8-GPU node)";

    public static string SpotInstanceSize(string path, int spotGpus, int deploymentGpus) =>
        Invariant($"{path}: this spot price is for {spotGpus}-GPU instances but the deployment rents {deploymentGpus}-GPU instances (spot capacity runs on the same instance type)");

    public static string SpotInstanceSizeAllowed(int deploymentGpus) =>
        Invariant($"allowed: a spot price for {deploymentGpus}-GPU instances: gpus_per_instance: {deploymentGpus}, or a catalog price for such an instance");

    public static string SourceWithoutPrice(string path) =>
        $"{path}: 'source' and 'as_of' describe 'per_gpu_hour_usd'; give them with it";

    public const string SourceWithoutPriceAllowed =
        "allowed: source and as_of beside per_gpu_hour_usd or per_instance_hour_usd; a catalog price brings its own";

    public static string SpotSourceWithoutSpotPrice(string path) =>
        $"{path}: describes the spot price, and this entry has no 'spot_per_gpu_hour_usd'";

    public const string SpotSourceWithoutSpotPriceAllowed =
        "allowed: spot_source and spot_as_of beside spot_per_gpu_hour_usd, where the spot price was observed elsewhere or on another day than the list price";

    public static string ReplicasNeeded(string path) => $"{path}: give 'replicas' (a fixed count) or 'autoscaler'";

    public static string ReplicasOrAutoscalerAllowed { get; } = AllowedWithExample(
        Invariant($"allowed: replicas, a fixed count from 1 to {Loading.Plausible.MaxReplicas}, or an autoscaler mapping"),
        $"replicas: 2, or {ShapeExamples.ForCollection("autoscaler")}");

    public static string ModelDoesNotFit(string path, string model, double weightsGb, string precision, int gpus, string gpu, double usableGb) =>
        Invariant($"{path}: model '{model}' needs {weightsGb:0.#} GB for {precision} weights but {gpus} x {gpu} leave {usableGb:0.#} GB after gpu_memory_utilization and activation_reserve_gb");

    public const string ModelDoesNotFitHint =
        "allowed: more gpus_per_replica, a GPU with more memory, a lower weight_precision, or more of the memory for the engine (engine.gpu_memory_utilization up to 1, engine.activation_reserve_gb down to what the engine's activations need)";

    // Serving fidelity: autoscaler timing and schedule, spot capacity, hybrid options.
    public const string ColdStartForms =
        "allowed: cold_start_s as one figure, or provisioning_s and weight_load_gb_per_s to compute it";

    public static string HourlyMinimumCount(string path, int count) =>
        Invariant($"{path}: expected 24 hourly minimums (one per hour from 00:00), got {count}");

    public const string HourlyMinimumsAllowed = "allowed: one minimum per hour, 00:00 to 23:00, each 0 to max_replicas";

    public static string ScheduledAboveMax(string path, int value, int max) =>
        Invariant($"{path}: {value} is more than max_replicas ({max})");

    /// <summary>The replica counts allowed up to a fleet's largest size, named by <paramref name="maxKey"/>.</summary>
    public static string ReplicasUpTo(int max, string maxKey) => Invariant($"allowed: 0 to {max}, no more than {maxKey}");

    public static string SpotBaseAboveFleet(string path, int baseReplicas, string fleetKey, int fleet) =>
        Invariant($"{path}: on_demand_base_replicas ({baseReplicas}) is more than {fleetKey} ({fleet}), so no replica would ever be spot");

    public static string SpotWithSpotPricing(string path) =>
        $"{path}: the on-demand base is bought at 'pricing', whose model is spot";

    public const string SpotWithSpotPricingHint =
        "allowed: pricing with model on_demand or reserved for the base, and the spot price in spot.price";

    public static string KeyBelongsToHybrid(string path, string key, string part) =>
        $"{path}: '{key}' belongs to the hybrid option itself, not to its {part} part";

    public static string KeyBelongsToHybridAllowed(string key, string optionPath) =>
        $"allowed: '{key}' in {optionPath} itself, beside self_hosted and api";

    // Author traps: warnings about scenarios that load but would mislead.
    public static string GpuOptionCostsDiffer(string path, string option, IReadOnlyList<string> fixedMissing, IReadOnlyList<string> oneTimeMissing,
        IReadOnlyList<string> holders)
    {
        var parts = new List<string>();
        if (fixedMissing.Count > 0)
        {
            parts.Add($"fixed_costs {Quoted(fixedMissing)}");
        }
        if (oneTimeMissing.Count > 0)
        {
            parts.Add($"one_time_costs {Quoted(oneTimeMissing)}");
        }
        return $"{path}: option '{option}' runs GPUs like {Quoted(holders)} but lacks their {string.Join(" and ", parts)}, so it may look cheaper than it is";
    }

    public const string GpuOptionCostsHint =
        "give every self_hosted and hybrid option the staff, running and one-time costs it would really carry, under the same name where it is the same cost";

    public static string InputHasNoSwing(string path, string written, string why) =>
        $"{path}: '{written}' cannot move the sensitivity tornado ({why}): its swing will be $0";

    public const string InputHasNoSwingHint =
        "the tornado ranks inputs by how much they move the savings of the leading option against the baseline";

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    // Catalogs.
    public static string UnknownCatalogId(string what, string id) => $"unknown {what} '{id}'";

    public const string CatalogIdOrMapping = "allowed: a catalog id, a mapping {catalog: id, overrides}, or a full inline mapping";

    public static string SeeCatalogFile(string file) => $"see {file} for the ids";

    public static string NoCatalogEntries(string file) =>
        $"the catalog in use has no {file} entries: point Planner at a catalog folder, or describe it inline";

    public static string PriceGpuMismatch(string path, string priceId, string priceGpu, string optionGpu) =>
        $"{path}: price '{priceId}' is for gpu '{priceGpu}', but this option runs on gpu '{optionGpu}'";

    /// <summary>The catalog prices for the option's GPU, listed when there are few enough to read.</summary>
    public static string PricesForGpu(string gpu, IReadOnlyCollection<string> ids, string file) => ids.Count switch
    {
        0 => $"allowed: per_gpu_hour_usd or per_instance_hour_usd; {file} has no price for gpu '{gpu}'",
        > Suggestions.ListAllLimit => $"allowed: a price for gpu '{gpu}' ({SeeCatalogFile(file)})",
        _ => $"allowed: prices for gpu '{gpu}': {string.Join(", ", ids)}",
    };

    public static string PriceModelMissing(string path, string priceId, string model) => $"{path}: price '{priceId}' has no {model} price";

    public static string PricesItHas(IEnumerable<string> models) => $"it has: {string.Join(", ", models)}";

    public static string StalePrice(string id, DateOnly asOf, int months) =>
        Invariant($"price '{id}' is from {asOf:yyyy-MM-dd}, {months} months before the scenario starts");

    public static string CatalogTopKey(string file, string key) => $"{file}: expected a mapping with the key '{key}'";

    public static string CatalogDirectoryNotFound(string path) => $"catalog directory not found: {path}";

    public static string CatalogDirectoryIsFile(string path) => $"catalog directory {path} is a file, not a directory";

    public const string CatalogDirectoryAllowed = "allowed: a folder holding gpus.yaml, gpu_prices.yaml, api_prices.yaml and models.yaml";

    // Traces.
    /// <summary>A file a scenario names (a trace, a profile) that could not be read; null message for a read file.</summary>
    public static (string Message, string? Allowed) ReferencedFileProblem(string path, string what, string written, string resolved,
        Files.InputFileResult result, long maxBytes) => result.Status switch
    {
        Files.InputFileStatus.Directory => ($"{path}: {what} '{written}' is a directory, not a file (looked at {resolved})", "allowed: the path of a file"),
        Files.InputFileStatus.TooLarge => ($"{path}: {what} '{written}' is larger than {Yaml.YamlLimits.DescribeBytes(maxBytes)}",
            $"allowed: at most {Yaml.YamlLimits.DescribeBytes(maxBytes)}"),
        Files.InputFileStatus.Unreadable => ($"{path}: cannot read {what} '{written}': {result.Reason ?? "unknown error"}", UnreadableAllowed),
        Files.InputFileStatus.TimedOut => (Invariant($"{path}: cannot read {what} '{written}': no data within {Files.InputFile.ReadTimeout.TotalSeconds:0} s"),
            "allowed: a regular file, not a pipe or device that nobody writes to"),
        _ => ($"{path}: {what} '{written}' not found (looked for {resolved})", $"allowed: the path of a {what}, absolute or relative to the scenario's folder"),
    };

    public static string TraceProblem(string path, string written, int row, int column, string problem) =>
        Invariant($"{path}: {written}:{row}:{column}: {problem}");

    public static string TraceMoreProblems(string path, string written, int more) =>
        Invariant($"{path}: {written}: {more} more malformed rows not listed");

    public static string TraceRowsAllowed { get; } = $"allowed: rows of {Traces.AzureTraceReader.Header}, in time order";

    public static string TraceHeader(string expected, string got) => $"expected the header '{expected}', got '{got}'";

    public static string TraceFieldCount(int count) => Invariant($"expected 3 comma-separated fields, got {count}");

    public static string TraceTimestamp(string got) => $"TIMESTAMP: expected a time like '2023-11-16 18:17:03.9799600', got '{got}'";

    public static string TraceTokens(string column, string got, int least) =>
        Invariant($"{column}: expected a whole number of tokens from {least} to {Loading.Plausible.MaxTokensPerRequest:#,##0}, got '{got}'");

    public static string TraceTokensTooMany(string column, int got, int least) =>
        Invariant($"{column}: {got:#,##0} tokens is out of range (allowed: {least} to {Loading.Plausible.MaxTokensPerRequest:#,##0} tokens per request)");

    public static string TagNotUsed(string tag) =>
        $"the YAML tag '{(tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag)}' is not supported: "
        + "Planner reads each value as its key expects, so the tag would be ignored";

    public const string TagAllowed = "allowed: the value without its tag; quote it to make it text";

    public static string TraceOutOfOrder(string time, DateTime latest, int latestRow) =>
        Invariant($"TIMESTAMP {time} is earlier than {latest:yyyy-MM-dd HH:mm:ss.FFFFFFF} on line {latestRow}, the latest before it (rows must be in time order; a row out of place there makes every row up to its time read as out of order)");

    public static string TraceEmpty(string path, string written) => $"{path}: trace file '{written}' has no rows";

    public static string TraceEmptyAllowed { get; } = $"allowed: a CSV file with the header {Traces.AzureTraceReader.Header} and one row per request";

    public static string TraceTooShortForReplay(string path, string written) =>
        $"{path}: trace file '{written}' needs at least 2 rows at different times to replay";

    public const string TraceReplayAllowed = "allowed: a trace of 2 or more rows whose timestamps are not all the same";

    // Performance profiles.
    public static string ProfileNotFound(string path, string written, string resolved) =>
        $"{path}: performance profile '{written}' not found (looked for {resolved})";

    public const string ProfileHint = "a calibration/profiles/*.yaml file written by planner calibrate, path relative to the scenario";

    public static string ProfileProblem(string path, string written, string problem) => $"{path}: performance profile '{written}': {problem}";

    public static string ProfileModelMismatch(string path, string profile, string profileModel, string optionModel) =>
        $"{path}: profile '{profile}' was measured for model '{profileModel}', but this option serves '{optionModel}'";

    public static string ProfileGpuMismatch(string path, string profile, string profileGpu, string optionGpu) =>
        $"{path}: profile '{profile}' is for gpu '{profileGpu}', but this option runs on gpu '{optionGpu}'";

    public static string ProfileOnCpu(string path, string profile, string hardware) =>
        $"{path}: profile '{profile}' was measured on a CPU ({hardware}), but this option rents GPUs: its step times are the CPU's";

    public static string ProfileExtrapolated(string path, string profile) =>
        $"{path}: profile '{profile}' is extrapolated by roofline ratios, not measured";

    public const string ProfileKinds = "allowed: cpu, gpu";

    // Fine-tuning jobs.
    public static string FineTuningNeedsThroughput(string path) =>
        $"{path}: give 'tokens_per_second', or a 'model' (here or on the option) to derive it from 6 x params FLOPs per token";

    public static string FineTuningPriceAllowed { get; } = AllowedWithExample(
        Invariant($"allowed: price_per_gpu_hour_usd ({Loading.Plausible.GpuHourUsd.Describe()}), or pricing, a mapping like an option's"),
        "price_per_gpu_hour_usd: 2.5, or pricing: {per_instance_hour_usd: 20, gpus_per_instance: 8}");

    public const string FineTuningThroughputHint = "allowed: tokens_per_second: <measured tokens/s of the whole job>, or model: <catalog id or mapping> with an optional efficiency";

    // Price events.
    public static string PriceEventNoOptions(string path, string target, string kinds) =>
        $"{path}: {target} applies to options of kind {kinds}, and the scenario has none";

    public static string TargetsForOptions(IEnumerable<string> targets) =>
        $"allowed: a target for the options the scenario has: {string.Join(", ", targets)}";

    public static string PriceChangeAllowed { get; } = Invariant(
        $"allowed: change ({Loading.Plausible.PriceChange.Describe()}), one step from the event's month on, or change_per_year ({Loading.Plausible.PriceChangePerYear.Describe()}), a yearly trend from it");

    public static string UnknownOptionName(string path, string name) => $"{path}: '{name}' is not the name of an option";

    public static string PriceEventWrongKind(string path, string name, string kind, string target, string kinds) =>
        $"{path}: option '{name}' is of kind {kind}, but {target} applies to options of kind {kinds}";

    public static string ReservationNeedsOneOption(string path, int count) =>
        Invariant($"{path}: a reserved_commitment names exactly one option, got {count}");

    public static string OptionsOfKinds(string kinds, IReadOnlyCollection<string> names) =>
        names.Count == 0 ? $"allowed: options of kind {kinds}" : $"allowed: options of kind {kinds}: {string.Join(", ", names)}";

    // Uncertain inputs.
    public static string InvalidInputPath(string path, string written) => $"{path}: '{written}' is not a valid path";

    public const string InputPathSyntax =
        "allowed: keys separated by '.', list items as [name] or [index], for example options[llama-8b-l4].pricing.per_gpu_hour_usd";

    public static string InputPathNoKey(string path, string written, string key, string where) =>
        where.Length == 0 ? $"{path}: '{written}': no key '{key}' at the top level" : $"{path}: '{written}': no key '{key}' in {where}";

    public static string InputPathNotMapping(string path, string written, string where, string got) =>
        $"{path}: '{written}': {where} is {got}, not a mapping";

    public const string InputPathListHint = "allowed: a list item as [name] or [index]";

    public const string InputPathKeyHint = "allowed: '.key' only after a mapping; the path ends at the number it addresses";

    public static string InputPathNotList(string path, string written, string where, string got) =>
        $"{path}: '{written}': {where} is {got}, not a list, so it has no [items]";

    public const string InputPathItemHint = "allowed: [name] or [index] only after a list; '.key' after a mapping";

    /// <summary>Where an item named in a path is not close to any of the many there are.</summary>
    public static string InputPathItemsAllowed(string where, int count) =>
        Invariant($"allowed: the name of an item in {where}, or an index from 0 to {count - 1}");

    /// <summary>Where a key named in a path is not close to any there are; <paramref name="keys"/> may be empty.</summary>
    public static string InputPathKeysAllowed(string where, IReadOnlyCollection<string> keys) =>
        keys.Count == 0 ? $"allowed: nothing after {(where.Length == 0 ? "the top level" : where)}: it has no keys" : AllowedKeys(keys);

    public static string InputPathNoItem(string path, string written, string where, string name) =>
        $"{path}: '{written}': no item named '{name}' in {where}";

    public static string InputPathAmbiguousItem(string path, string written, string where, string name, int count) =>
        Invariant($"{path}: '{written}': {count} items in {where} are named '{name}'");

    public const string InputPathByIndex = "allowed: address the item by its index, for example [0]";

    public static string InputPathIndexOutOfRange(string path, string written, string where, int index, int count) =>
        Invariant($"{path}: '{written}': {where} has {count} items, so there is no [{index}]");

    /// <summary>The indices a list of <paramref name="count"/> items has.</summary>
    public static string InputPathIndices(int count) =>
        count == 0 ? "allowed: no index: the list is empty" : Invariant($"allowed: 0 to {count - 1}");

    public static string InputPathNotNumber(string path, string written, string got) =>
        $"{path}: '{written}' addresses {got}, not a number the scenario reads";

    public const string InputPathNumberHint =
        "allowed: a number written in the scenario, or a numeric key its mapping accepts, such as an explicit price beside a catalog id";

    public static string InputPathFixed(string path, string written, string why) => $"{path}: '{written}' cannot be uncertain: {why}";

    public const string InputPathFixedHint =
        "allowed: a number the scenario reads outside uncertainty and horizon_months, for example workload.volume.requests_per_day";

    public static string DuplicateInput(string path, string written, string first) =>
        $"{path}: '{written}' addresses the same value as {first}";

    public static string DiscreteLengths(string path, int values, int weights) =>
        Invariant($"{path}: {values} values but {weights} weights");

    public const string DiscreteLengthsHint = "allowed: one weight per value, or no weights for equal ones";

    public static string WeightsSumToZero(string path) => $"{path}: the weights add up to 0";

    public const string WeightsHint = "allowed: weights >= 0, at least one of them > 0";

    public static string InputsAllowed(int max) => Invariant($"allowed: 1 to {max} inputs, or no uncertainty section");

    public static string InputRangeRejected(string path, string written, bool low, string value, string problem) =>
        $"{path}: values of {written} {(low ? "down to" : "up to")} {value} are not allowed: {problem}";

    public const string InputRangeHint = "allowed: a distribution whose values the scenario accepts: a bounded one's whole range, a normal or lognormal one's 0.1% to 99.9% quantiles";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
