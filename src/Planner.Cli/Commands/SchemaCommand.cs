using System.CommandLine;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Schema;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner schema</c>: prints the JSON Schema of the scenario format, generated from the readers
/// with the catalog's ids as the allowed values (<c>planner schema &gt; scenarios/planner.schema.json</c>).
/// </summary>
public static class SchemaCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder whose ids the schema allows (default: scenarios/catalog nearest the current folder)" };
        var command = new Command("schema", "Print the JSON Schema of scenario files, for editors (planner schema > scenarios/planner.schema.json)") { catalog };
        command.SetAction(parse =>
        {
            string? dir = CatalogLocator.Find(Path.Combine(Environment.CurrentDirectory, "scenario.yaml"), parse.GetValue(catalog));
            if (dir is null)
            {
                stderr.WriteLine("error: no catalog found (pass --catalog DIR)");
                return ExitCodes.BadInput;
            }
            CatalogLoadResult loaded = CatalogLoader.Load(dir);
            foreach (Diagnostic d in loaded.Diagnostics)
            {
                stderr.WriteLine(d.ToString());
            }
            if (loaded.Catalog is null || loaded.HasErrors)
            {
                return ExitCodes.BadInput;
            }
            stdout.Write(ScenarioSchema.Generate(loaded.Catalog));
            return ExitCodes.Ok;
        });
        return command;
    }
}
