namespace FunctionsFetch.Bench;

/// <summary>The crash scenario's outcome: time to all results for the pool (starting over), FunctionsFetch with no crash, and FunctionsFetch resuming after each way of dying.</summary>
public sealed record CrashRows(Scenario Scenario, string Plan, TimeSpan SeedPool, TimeSpan WithoutCrash, IReadOnlyList<CrashRow> FunctionsFetch);

/// <summary>One way the host died: time to all results, how soon it made progress after the restart, URLs the target saw more than once.</summary>
public sealed record CrashRow(string Signal, TimeSpan Total, TimeSpan ResumedAfter, int FetchedTwice);
