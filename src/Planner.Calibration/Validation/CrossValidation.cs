namespace Planner.Calibration.Validation;

/// <summary>
/// Leave-one-group-out cross-validation of the efficiency fit: for each group (a source, a GPU),
/// the grid point is fitted on every other group's rows and scored on the held-out group's, so no
/// row is predicted by a setting fitted on it.
/// </summary>
/// <param name="Name">What a group is, for people ("source", "GPU").</param>
/// <param name="Folds">One fold per group, in the order groups first appear in the rows.</param>
/// <param name="Predicted">Each row's value under the setting fitted without its group (NaN when none could be fitted or simulated).</param>
/// <param name="GroupOfRow">Index into <paramref name="Folds"/> of each row's group.</param>
public sealed record CrossValidation(string Name, IReadOnlyList<CrossValidationFold> Folds, IReadOnlyList<double> Predicted, IReadOnlyList<int> GroupOfRow)
{
    /// <summary>
    /// Holds out each group of <paramref name="rows"/> that <paramref name="group"/> defines in turn.
    /// A group that holds every row leaves nothing to fit on and is refused.
    /// </summary>
    public static CrossValidation LeaveOneGroupOut(
        string name,
        IReadOnlyList<PublishedMeasurement> rows,
        EfficiencyGrid grid,
        Func<PublishedMeasurement, string> group,
        Func<PublishedMeasurement, string> label)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(label);
        var keys = new List<string>();
        var groupOfRow = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            string key = group(rows[i]);
            int g = keys.IndexOf(key);
            if (g < 0)
            {
                keys.Add(key);
                g = keys.Count - 1;
            }
            groupOfRow[i] = g;
        }
        var predicted = Enumerable.Repeat(double.NaN, rows.Count).ToArray();
        var folds = new List<CrossValidationFold>();
        for (int g = 0; g < keys.Count; g++)
        {
            int held = g;
            int training = groupOfRow.Count(x => x != held);
            string heldLabel = label(rows[Array.IndexOf(groupOfRow, held)]);
            if (training == 0)
            {
                throw new InvalidOperationException($"cross-validation by {name}: every row is in '{heldLabel}', nothing is left to fit on");
            }
            EngineFit fit = grid.BestFit(i => groupOfRow[i] != held);
            for (int i = 0; i < rows.Count; i++)
            {
                if (groupOfRow[i] == held)
                {
                    predicted[i] = fit.Simulated[i];
                }
            }
            folds.Add(new CrossValidationFold(heldLabel, training, fit.Engine, ValidationScoring.Summarize(rows, fit.Simulated, i => groupOfRow[i] == held)));
        }
        return new CrossValidation(name, folds, predicted, groupOfRow);
    }
}
