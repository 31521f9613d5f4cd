using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>Reads an option's <c>fixed_costs</c> and <c>one_time_costs</c> lists.</summary>
internal static class CostReader
{
    public static IReadOnlyList<FixedCostSpec>? ReadFixed(MappingReader option, LoadContext context)
    {
        return ReadList(option, "fixed_costs", context, (r) =>
        {
            string? name = r.Text("name", required: true);
            bool hasMonthly = r.Has("monthly_usd");
            bool hasFtes = r.Has("ftes");
            bool hasSalary = r.Has("loaded_salary_per_year_usd");
            if (hasMonthly && (hasFtes || hasSalary) || !hasMonthly && !hasFtes && !hasSalary)
            {
                r.Context.Error(r.Node, Messages.FixedCostForm(r.Path), Messages.FixedCostFormAllowed);
                return null;
            }
            if (hasMonthly)
            {
                double? monthly = r.Double("monthly_usd", Plausible.MonthlyUsd);
                return name is null || monthly is null ? null : new FixedCostSpec { Name = name, MonthlyUsd = monthly.Value };
            }
            double? ftes = r.Double("ftes", Plausible.Ftes, required: true);
            double? salary = r.Double("loaded_salary_per_year_usd", Plausible.SalaryPerYearUsd, required: true);
            return name is null || ftes is null || salary is null
                ? null
                : FixedCostSpec.Engineering(name, ftes.Value, salary.Value);
        });
    }

    public static IReadOnlyList<OneTimeCostSpec>? ReadOneTime(MappingReader option, LoadContext context)
    {
        // An invalid horizon was reported already; the format's longest horizon still bounds the months.
        int lastMonth = context.HorizonMonths ?? ScenarioReader.MaxHorizonMonths;
        return ReadList(option, "one_time_costs", context, (r) =>
        {
            string? name = r.Text("name", required: true);
            double? amount = r.Double("amount_usd", Plausible.AmountUsd, required: true);
            int? month = r.Int("month", ValueRange.Between(1, lastMonth));
            bool monthFailed = r.Has("month") && month is null;
            if (name is null || amount is null || monthFailed)
            {
                return null;
            }
            var cost = new OneTimeCostSpec { Name = name, AmountUsd = amount.Value };
            return cost with { Month = month ?? cost.Month };
        });
    }

    internal static IReadOnlyList<T>? ReadList<T>(MappingReader option, string key, LoadContext context, Func<MappingReader, T?> readItem)
        where T : class
    {
        if (!option.Has(key))
        {
            option.Get(key);
            return [];
        }
        if (option.Sequence(key) is not { } list)
        {
            return null;
        }
        if (list.Children.Count > Plausible.MaxCostItems)
        {
            // Every item is read again for each uncertain input's range check: a long list would make validating slow.
            context.Read.Error(list, Messages.TooManyItems(option.PathOf(key), list.Children.Count, "items"),
                Messages.Allowed(Messages.AtMost(Plausible.MaxCostItems, "items")));
            return null;
        }
        var items = new List<T>();
        bool failed = false;
        for (int i = 0; i < list.Children.Count; i++)
        {
            YamlNode node = list.Children[i];
            if (context.Read.Mapping(node, $"{option.PathOf(key)}[{i}]") is not { } r)
            {
                failed = true;
                continue;
            }
            T? item = readItem(r);
            r.Finish();
            if (item is null)
            {
                failed = true;
            }
            else
            {
                items.Add(item);
            }
        }
        return failed ? null : items;
    }
}
