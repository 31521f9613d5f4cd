using System.CommandLine;
using Planner.Scenarios.Catalogs;
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
            if (CommandCatalog.Load(parse.GetValue(catalog), stderr) is not Catalog loadedCatalog)
            {
                return ExitCodes.BadInput;
            }
            stdout.Write(ScenarioSchema.Generate(loadedCatalog));
            return ExitCodes.Ok;
        });
        return command;
    }
}
