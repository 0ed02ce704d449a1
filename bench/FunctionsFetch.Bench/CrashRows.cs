namespace FunctionsFetch.Bench;

/// <summary>The crash scenario's outcome: time to all results for the pool (starting over) and FunctionsFetch (resuming).</summary>
public sealed record CrashRows(Scenario Scenario, BatchPlan Plan, TimeSpan SeedPool, TimeSpan FunctionsFetch, TimeSpan ResumedAfter);
