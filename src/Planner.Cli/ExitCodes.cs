namespace Planner.Cli;

/// <summary>Process exit codes: 0 success, 1 failure while running, 2 bad input.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
