using FsCheck;
using FsCheck.Fluent;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>Whatever the text, loading returns diagnostics or a scenario, never an exception, and an error always means no scenario.</summary>
public sealed class RobustnessTests
{
    private static bool LoadsQuietly(string yaml)
    {
        ScenarioLoadResult result = TestFiles.Load(yaml);
        return result.HasErrors == (result.Scenario is null)
            && result.Diagnostics.All(d => d.Line >= 1 && d.Column >= 1 && d.Message.Length > 0);
    }

    [Fact]
    public void Deleting_any_line_of_the_full_scenario_never_throws()
    {
        string[] lines = SampleScenarios.Full.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string yaml = string.Join('\n', lines.Where((_, j) => j != i));
            Assert.True(LoadsQuietly(yaml), $"line {i + 1} removed");
        }
    }

    [Fact]
    public void Random_edits_of_the_full_scenario_never_throw()
    {
        string text = SampleScenarios.Full;
        const string Alphabet = " :-{}[],\n\"'#&*!|>0123456789.abcxyz\t";
        Gen<(int Position, int Length, string Insert)> edits =
            from position in Gen.Choose(0, text.Length - 1)
            from length in Gen.Choose(0, 6)
            from insert in Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray())).Select(c => new string(c.Take(5).ToArray()))
            select (position, length, insert);
        Prop.ForAll(edits.ToArbitrary(), edit =>
        {
            int length = Math.Min(edit.Length, text.Length - edit.Position);
            string yaml = text.Remove(edit.Position, length).Insert(edit.Position, edit.Insert);
            return LoadsQuietly(yaml);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
