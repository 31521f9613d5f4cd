using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Traces;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>Reads the <c>workload</c> section: request classes or a replayed trace, volume, daily and weekly shape, arrivals.</summary>
internal static class WorkloadReader
{
    public const double ShareTolerance = 1e-6;

    private static readonly KeyValuePair<string, ArrivalProcessKind>[] Processes =
        [new("poisson", ArrivalProcessKind.Poisson), new("gamma", ArrivalProcessKind.Gamma)];

    public static WorkloadSpec? Read(MappingReader r, LoadContext context)
    {
        TraceReplaySpec? replay = null;
        bool hasReplay = r.Has("replay");
        if (r.Mapping("replay") is { } replayReader)
        {
            replay = ReadReplay(replayReader, context);
            replayReader.Finish();
        }

        IReadOnlyList<RequestClassSpec>? classes = null;
        if (r.Get("classes") is { } classesNode)
        {
            classes = ReadClasses(classesNode, r.KeyNode("classes")!, r.PathOf("classes"), context);
        }
        else if (!hasReplay)
        {
            context.Read.Error(r.Node, Messages.WorkloadNeedsClassesOrReplay, Messages.WorkloadNeedsClassesOrReplayAllowed);
        }
        else if (replay is not null)
        {
            classes = [ReplayClass(replay)];
        }

        VolumeSpec? volume = r.Mapping("volume", required: true) is { } volumeReader ? ReadVolume(volumeReader, context.HorizonMonths) : null;
        YamlNode? shapeNode = r.Get("daily_shape");
        IReadOnlyList<double>? hourly = shapeNode is not null
            ? ReadDailyShape(shapeNode, r.PathOf("daily_shape"), context.Read)
            : DailyShapes.Flat;
        // Reports name the preset; a list of weights is the scenario's own shape.
        string? shapeName = shapeNode switch
        {
            null => DailyShapes.FlatName,
            YamlScalarNode scalar => scalar.Value,
            _ => null,
        };
        double? weekend = r.Double("weekend_factor", ValueRange.Between(0, 10));
        ArrivalSpec? arrivals = new();
        if (r.Mapping("arrivals") is { } arrivalsReader)
        {
            if (hasReplay)
            {
                context.Read.Error(r.KeyNode("arrivals")!, Messages.ExclusiveKeys(r.Path, "arrivals", "replay"), Messages.ArrivalsWithReplayAllowed);
            }
            arrivals = ReadArrivals(arrivalsReader);
        }
        r.Finish();

        if (classes is null || volume is null || hourly is null || arrivals is null || (hasReplay && replay is null))
        {
            return null;
        }
        var workload = new WorkloadSpec
        {
            Classes = classes,
            Volume = volume,
            HourlyWeights = hourly,
            DailyShapeName = shapeName,
            Arrivals = arrivals,
            Replay = replay,
        };
        return workload with { WeekendFactor = weekend ?? workload.WeekendFactor };
    }

    /// <summary>Without classes, a replayed trace still needs one class for analytic estimates: its own token counts.</summary>
    private static RequestClassSpec ReplayClass(TraceReplaySpec replay) => new()
    {
        Name = "replay",
        Share = 1.0,
        InputTokens = new EmpiricalTokens(replay.InputTokens, $"{replay.Source} (ContextTokens)") { Trace = replay.Source, Column = "context", Credit = replay.Credit },
        OutputTokens = new EmpiricalTokens(replay.OutputTokens, $"{replay.Source} (GeneratedTokens)") { Trace = replay.Source, Column = "generated", Credit = replay.Credit },
    };

    private static IReadOnlyList<RequestClassSpec>? ReadClasses(YamlNode node, YamlNode keyNode, string path, LoadContext context)
    {
        if (context.Read.Sequence(node, path) is not { } sequence)
        {
            return null;
        }
        if (sequence.Children.Count == 0)
        {
            context.Read.Error(node, Messages.EmptyList(path), Messages.RequestClassesAllowed);
            return null;
        }
        if (sequence.Children.Count > Plausible.MaxRequestClasses)
        {
            context.Read.Error(node, Messages.TooManyItems(path, sequence.Children.Count, "request classes"),
                Messages.Allowed(Messages.AtMost(Plausible.MaxRequestClasses, "classes")));
            return null;
        }

        var classes = new List<RequestClassSpec>();
        var shares = new List<double?>();
        var firstByName = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        bool failed = false;
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            if (context.Read.Mapping(sequence.Children[i], itemPath) is not { } c)
            {
                failed = true;
                shares.Add(null);
                continue;
            }
            string? name = c.Text("name", required: true);
            if (name is not null)
            {
                if (firstByName.TryGetValue(name, out YamlNode? first))
                {
                    context.Read.Error(c.Get("name")!, Messages.DuplicateName(c.PathOf("name"), "class name", name),
                        Messages.FirstAt(ReadContext.LineOf(first.Start), ReadContext.ColumnOf(first.Start)));
                }
                else
                {
                    firstByName[name] = c.Get("name")!;
                }
            }
            double? share = c.Double("share", ValueRange.PositiveFraction, required: true);
            shares.Add(share);
            TokenDistributionSpec? input = c.Get("input_tokens", required: true) is { } inputNode
                ? TokenDistributionReader.Read(inputNode, c.PathOf("input_tokens"), context)
                : null;
            TokenDistributionSpec? output = c.Get("output_tokens", required: true) is { } outputNode
                ? TokenDistributionReader.Read(outputNode, c.PathOf("output_tokens"), context)
                : null;
            double? cached = c.Double("cached_prefix_fraction", ValueRange.FractionBelowOne);
            c.Finish();
            if (name is null || share is null || input is null || output is null)
            {
                failed = true;
                continue;
            }
            classes.Add(new RequestClassSpec
            {
                Name = name,
                Share = share.Value,
                InputTokens = input,
                OutputTokens = output,
                CachedPrefixFraction = cached ?? 0,
            });
        }

        if (shares.All(s => s is not null))
        {
            double sum = shares.Sum(s => s!.Value);
            if (Math.Abs(sum - 1) > ShareTolerance)
            {
                context.Read.Error(keyNode, Messages.SharesDoNotSumToOne(path, sum), Messages.SharesTolerance);
                failed = true;
            }
        }
        return failed ? null : classes;
    }

    private static VolumeSpec? ReadVolume(MappingReader r, int? horizonMonths)
    {
        // One of two meanings, named by its key: a week's average day, or a weekday.
        bool weekday = r.Has("requests_per_weekday");
        if (weekday && r.Has("requests_per_day"))
        {
            r.Context.Error(r.KeyNode("requests_per_weekday")!, Messages.ExclusiveKeys(r.Path, "requests_per_day", "requests_per_weekday"),
                Messages.VolumeBasisAllowed);
        }
        ValueRange range = ValueRange.Between(Plausible.MinRequestsPerDay, Plausible.MaxRequestsPerDay);
        double? perDay = weekday
            ? r.Double("requests_per_weekday", range, required: true)
            : r.Double("requests_per_day", range, required: true);
        IReadOnlyList<double>? rates = [0.0];
        if (r.Mapping("growth") is { } growth)
        {
            rates = ReadGrowth(growth);
            growth.Finish();
        }
        r.Finish();
        if (perDay is null || rates is null)
        {
            return null;
        }
        var volume = new VolumeSpec { RequestsPerDayMonth1 = perDay.Value, MonthlyGrowthRates = rates, Basis = weekday ? VolumeBasis.Weekday : VolumeBasis.AverageDay };
        // Growth compounds: 500% a month over 36 months is 10^28 times the start, which no
        // simulation can hold, and a steep decline ends in costs per request that overflow. The
        // first month past a bound is named, with what to change.
        for (int month = 0; month < (horizonMonths ?? 0); month++)
        {
            double requests = volume.RequestsPerDay(month);
            if (requests > Plausible.MaxRequestsPerDay || requests < Plausible.MinRequestsPerDay)
            {
                r.Context.Error(r.Node, Messages.VolumeOutOfRange(r.Path, requests, month + 1, requests > Plausible.MaxRequestsPerDay),
                    Messages.VolumeAllowed(Plausible.MinRequestsPerDay, Plausible.MaxRequestsPerDay));
                return null;
            }
        }
        return volume;
    }

    private static IReadOnlyList<double>? ReadGrowth(MappingReader r)
    {
        ValueRange rateRange = Plausible.GrowthRate;
        bool hasRate = r.Has("monthly_rate");
        bool hasList = r.Has("per_month");
        if (hasRate && hasList)
        {
            r.Context.Error(r.Node, Messages.ExclusiveKeys(r.Path, "monthly_rate", "per_month"), Messages.GrowthFormsAllowed);
            return null;
        }
        if (hasRate)
        {
            return r.Double("monthly_rate", rateRange) is { } rate ? [rate] : null;
        }
        if (!hasList)
        {
            r.Context.Error(r.Node, Messages.OneOfKeysRequired(r.Path, "monthly_rate", "per_month"), Messages.GrowthFormsAllowed);
            return null;
        }
        if (r.Sequence("per_month") is not { } list)
        {
            return null;
        }
        if (list.Children.Count == 0)
        {
            r.Context.Error(list, Messages.EmptyList(r.PathOf("per_month")), Messages.MonthlyRatesAllowed(ScenarioReader.MaxHorizonMonths));
            return null;
        }
        if (list.Children.Count > ScenarioReader.MaxHorizonMonths)
        {
            r.Context.Error(list, Messages.TooManyItems(r.PathOf("per_month"), list.Children.Count, "rates"),
                Messages.Allowed(Messages.AtMost(ScenarioReader.MaxHorizonMonths, "rates, one per month of the longest horizon")));
            return null;
        }
        var rates = list.Children
            .Select((node, i) => r.Context.Double(node, $"{r.PathOf("per_month")}[{i}]", rateRange))
            .ToList();
        return rates.All(x => x is not null) ? rates.Select(x => x!.Value).ToArray() : null;
    }

    private static IReadOnlyList<double>? ReadDailyShape(YamlNode node, string path, ReadContext read)
    {
        if (node is YamlScalarNode)
        {
            return read.Word(node, path, "daily shape", DailyShapes.Names) is { } name ? DailyShapes.ByName(name) : null;
        }
        if (read.Sequence(node, path) is not { } list)
        {
            return null;
        }
        if (list.Children.Count != 24)
        {
            read.Error(list, Messages.HourlyWeightCount(path, list.Children.Count), Messages.Allowed("one weight per hour, 00:00 to 23:00"));
            return null;
        }
        var weights = list.Children
            .Select((weight, i) => read.Double(weight, $"{path}[{i}]", Plausible.HourlyWeight))
            .ToList();
        if (weights.Any(w => w is null))
        {
            return null;
        }
        if (weights.All(w => w == 0))
        {
            read.Error(list, Messages.HourlyWeightsAllZero(path), Messages.HourlyWeightsAllowed);
            return null;
        }
        return DailyShapes.Normalise(weights.Select(w => w!.Value).ToArray());
    }

    private static ArrivalSpec? ReadArrivals(MappingReader r)
    {
        ArrivalProcessKind? process = r.Choice("process", "arrival process", Processes);
        YamlNode? cvNode = r.Get("cv");
        ArrivalSpec? arrivals = null;
        if (process == ArrivalProcessKind.Gamma)
        {
            double? cv = r.Double("cv", Plausible.ArrivalCv, required: true);
            arrivals = cv is null ? null : new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = cv.Value };
        }
        else if (process is not null || !r.Has("process"))
        {
            if (cvNode is not null)
            {
                r.Context.Error(cvNode, Messages.CvOnlyWithGamma(r.PathOf("cv")), Messages.CvAllowed);
            }
            arrivals = new ArrivalSpec { Kind = ArrivalProcessKind.Poisson };
        }
        r.Finish();
        return arrivals;
    }

    private static TraceReplaySpec? ReadReplay(MappingReader r, LoadContext context)
    {
        if (r.Text("trace", required: true) is not { } written)
        {
            return null;
        }
        YamlNode at = r.Get("trace")!;
        string path = r.PathOf("trace");
        if (context.Trace(at, path, written) is not { } trace)
        {
            return null;
        }
        double last = trace.OffsetSeconds[^1];
        if (trace.Count < 2 || last <= 0)
        {
            context.Read.Error(at, Messages.TraceTooShortForReplay(path, written), Messages.TraceReplayAllowed);
            return null;
        }
        // The trace repeats; one mean gap after the last request keeps the seam as dense as the rest.
        double meanInterArrival = last / (trace.Count - 1);
        return new TraceReplaySpec
        {
            Source = written,
            OffsetSeconds = trace.OffsetSeconds,
            InputTokens = trace.ContextTokens,
            OutputTokens = trace.GeneratedTokens,
            DurationSeconds = last + meanInterArrival,
            Credit = trace.Credit,
        };
    }
}
