using System.CommandLine;
using System.Globalization;
using Planner.Cli.Console;
using Planner.Scenarios.Catalogs;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary><c>planner catalog [gpus|prices|apis|models]</c>: list catalog entries with their sources.</summary>
public static class CatalogCommand
{
    private static readonly string[] Sections = ["gpus", "prices", "apis", "models"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var section = new Argument<string?>("section")
        {
            Description = "What to list: gpus, prices, apis or models (default: all)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        section.AcceptOnlyFromAmong(Sections);
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: scenarios/catalog nearest the current folder)" };
        var command = new Command("catalog", "List the GPUs, GPU prices, API prices and model architectures Planner knows") { section, catalog };
        command.SetAction(parse =>
        {
            if (CommandCatalog.Load(parse.GetValue(catalog), stderr) is not Catalog loadedCatalog)
            {
                return ExitCodes.BadInput;
            }
            IAnsiConsole console = Terminal.Create(stdout);
            string? only = parse.GetValue(section);
            foreach (string s in Sections.Where(s => only is null || s == only))
            {
                console.Write(Build(s, loadedCatalog));
                // Sources are long (addresses, notes on what was checked): one line each under the table, not a
                // column that would squeeze it, written as they are so that an address is never broken.
                stdout.WriteLine("Sources:");
                foreach ((string id, string source, DateOnly asOf) in Sources(s, loadedCatalog))
                {
                    stdout.WriteLine($"  {id} ({D(asOf)}): {source}");
                }
                stdout.WriteLine();
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Table Build(string section, Catalog c)
    {
        var t = new Table().Border(TableBorder.Rounded);
        switch (section)
        {
            case "gpus":
                t.Title("GPUs");
                AddColumns(t, "id", "name", "memory GB", "HBM GB/s", "BF16 TFLOPs", "FP8 TFLOPs", "measured BF16 / FP8", "TDP W", "interconnect", "as of");
                foreach (GpuCatalogEntry g in c.Gpus.Values.OrderBy(g => g.Id, StringComparer.Ordinal))
                {
                    t.AddRow(Cells(g.Id, g.Name, N(g.MemoryGb), N(g.HbmBandwidthGbPerSecond), N(g.Bf16DenseTflops), g.Fp8DenseTflops is double f ? N(f) : "—", Measured(g), N(g.TdpWatts), g.Interconnect, D(g.AsOf)));
                }
                break;
            case "prices":
                t.Title("GPU prices (USD per GPU-hour)");
                AddColumns(t, "id", "gpu", "provider", "instance", "region", "on-demand", "spot", "reserved 1y", "as of");
                foreach (GpuPriceCatalogEntry p in c.GpuPrices.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
                {
                    t.AddRow(Cells(p.Id, p.Gpu, p.Provider, p.Instance, p.Region, N(p.OnDemandPerGpuHourUsd), p.SpotPerGpuHourUsd is double s ? N(s) : "—", p.Reserved1yPerGpuHourUsd is double r ? N(r) : "—", D(p.AsOf)));
                }
                break;
            case "apis":
                t.Title("API prices (USD per 1M tokens)");
                AddColumns(t, "id", "provider", "model", "input", "cached input", "output", "batch discount", "as of");
                foreach (ApiModelCatalogEntry a in c.ApiModels.Values.OrderBy(a => a.Id, StringComparer.Ordinal))
                {
                    t.AddRow(Cells(a.Id, a.Provider, a.Model, N(a.InputPerMillionUsd), a.CachedInputPerMillionUsd is double ci ? N(ci) : "—", N(a.OutputPerMillionUsd), a.BatchDiscount is double b ? b.ToString("0%", CultureInfo.InvariantCulture) : "—", D(a.AsOf)));
                }
                break;
            default:
                t.Title("Model architectures");
                AddColumns(t, "id", "name", "params B", "active B", "layers", "hidden", "heads", "KV heads", "head dim", "experts", "as of");
                foreach (ModelCatalogEntry m in c.Models.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
                {
                    t.AddRow(Cells(m.Id, m.Name, N(m.ParamsBillion), N(m.ActiveParamsBillion), N(m.Layers), N(m.HiddenSize), N(m.AttentionHeads), N(m.KvHeads), N(m.HeadDim), m.Experts > 1 ? $"{m.Experts} (top {m.ExpertsPerToken})" : "dense", D(m.AsOf)));
                }
                break;
        }
        return t;
    }

    /// <summary>Each entry of a section with where its figures come from and when they were taken, in the table's order.</summary>
    internal static IEnumerable<(string Id, string Source, DateOnly AsOf)> Sources(string section, Catalog c) => section switch
    {
        "gpus" => Ordered(c.Gpus).Select(g => (g.Id, g.MeasuredSource is string m ? $"{g.Source}; measured ceilings: {m}" : g.Source, g.AsOf)),
        "prices" => Ordered(c.GpuPrices).Select(p => (p.Id, p.Source, p.AsOf)),
        "apis" => Ordered(c.ApiModels).Select(a => (a.Id, a.Source, a.AsOf)),
        "models" => Ordered(c.Models).Select(m => (m.Id, m.Source, m.AsOf)),
        _ => [],
    };

    private static IEnumerable<T> Ordered<T>(IReadOnlyDictionary<string, T> entries) =>
        entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value);

    private static void AddColumns(Table t, params string[] names)
    {
        foreach (string n in names)
        {
            t.AddColumn(n);
        }
    }

    private static string[] Cells(params string[] values) => values.Select(Markup.Escape).ToArray();

    /// <summary>The measured matrix-multiply ceilings beside the datasheet's, "BF16 / FP8"; "—" where none was measured.</summary>
    private static string Measured(GpuCatalogEntry g) =>
        g.MeasuredBf16DenseTflops is null && g.MeasuredFp8DenseTflops is null
            ? "—"
            : $"{(g.MeasuredBf16DenseTflops is double b ? N(b) : "—")} / {(g.MeasuredFp8DenseTflops is double f ? N(f) : "—")}";

    private static string N(double v) => v.ToString("#,##0.###", CultureInfo.InvariantCulture);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
