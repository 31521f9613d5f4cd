using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Planner.Calibration.Fitting;

namespace Planner.Calibration.Tests.Fitting;

public sealed class NonNegativeLeastSquaresTests
{
    [Fact]
    public void Solves_an_unconstrained_problem_whose_answer_is_already_non_negative()
    {
        Matrix<double> a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        Vector<double> b = a * Vector<double>.Build.Dense([2.0, 3.0]);
        Vector<double> x = NonNegativeLeastSquares.Solve(a, b);
        Assert.Equal(2, x[0], 9);
        Assert.Equal(3, x[1], 9);
    }

    [Fact]
    public void Clamps_a_coefficient_that_least_squares_would_make_negative()
    {
        // Unconstrained least squares makes x₂ negative; with x ≥ 0 the optimum has x₂ = 0 and x₁ the mean of 1 and 2.
        Matrix<double> a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 1, 0 }, { 0, 1 } });
        Vector<double> b = Vector<double>.Build.Dense([1.0, 2.0, -1.0]);
        Vector<double> x = NonNegativeLeastSquares.Solve(a, b);
        Assert.Equal(1.5, x[0], 9);
        Assert.Equal(0, x[1], 12);
    }

    /// <summary>
    /// Karush–Kuhn–Tucker conditions characterise the NNLS optimum: x ≥ 0, the gradient
    /// w = Aᵀ(b − Ax) ≤ 0 everywhere, and w = 0 wherever x &gt; 0.
    /// </summary>
    [Fact]
    public void The_solution_satisfies_the_optimality_conditions_for_random_problems()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), (int seed) =>
        {
            var random = new Random(seed);
            int rows = random.Next(3, 12), columns = random.Next(1, 6);
            Matrix<double> a = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 2 - 1);
            Vector<double> b = Vector<double>.Build.Dense(rows, _ => random.NextDouble() * 4 - 2);
            Vector<double> x = NonNegativeLeastSquares.Solve(a, b);
            Vector<double> w = a.TransposeThisAndMultiply(b - a * x);
            double scale = 1e-8 * (1 + a.L1Norm() * b.L2Norm());
            return x.All(v => v >= 0)
                && w.All(v => v <= scale)
                && Enumerable.Range(0, columns).All(j => x[j] <= 0 || Math.Abs(w[j]) <= scale);
        }).QuickCheckThrowOnFailure();
    }
}
