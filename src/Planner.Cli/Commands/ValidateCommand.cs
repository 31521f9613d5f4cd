using System.CommandLine;
using Planner.Core.Specs;

namespace Planner.Cli.Commands;

/// <summary><c>planner validate SCENARIO...</c>: report every problem in each file without simulating.</summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenarios = new Argument<string[]>("scenarios") { Description = "One or more scenario YAML files", Arity = ArgumentArity.OneOrMore };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: the catalog/ nearest each scenario)" };
        var command = new Command("validate", "Check scenarios and list every error with file:line:column") { scenarios, catalog };
        command.SetAction(parse =>
        {
            int exit = ExitCodes.Ok;
            foreach (string path in parse.GetValue(scenarios)!)
            {
                ScenarioSpec? spec = ScenarioInput.Load(path, parse.GetValue(catalog), stderr, out _, everyStalePrice: true);
                if (spec is null)
                {
                    exit = ExitCodes.BadInput;
                    continue;
                }
                stdout.WriteLine($"{path}: ok ({Core.Formatting.FigureFormat.Counted(spec.Options.Count, "option", "options")}, {Core.Formatting.FigureFormat.Counted(spec.HorizonMonths, "month", "months")})");
            }
            return exit;
        });
        return command;
    }
}
