using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Bench;

/// <summary>
/// What a scenario asks of FunctionsFetch: the job names only <c>concurrency</c>; the host runs with enough activity
/// slots for the planner to keep 20 fetches per batch (a batch then runs 50 rounds within 1,000 URLs), which is the one
/// host setting it raises besides the per-host caps (the target is one host). The plan shown is the server's own.
/// </summary>
public static class PlannedJob
{
    /// <summary>The job's options: <c>concurrency</c> and nothing else.</summary>
    public static object Options(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new { concurrency = scenario.Concurrency };
    }

    /// <summary>host.json's 10, or C / 10 for a larger C (the planner takes half: C / 20 batches of 20).</summary>
    public static int ActivitySlots(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Math.Max(Configuration.ActivitySlots.Default.Count, scenario.Concurrency / 10);
    }

    /// <summary>The batch shape the server plans for the scenario's job.</summary>
    public static JobSettings Plan(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return JobPlanner.Plan(new JobSettings { Concurrency = scenario.Concurrency }, scenario.Urls, new Configuration.ActivitySlots(ActivitySlots(scenario)));
    }

    /// <summary>How the report names the plan.</summary>
    public static string Describe(Scenario scenario)
    {
        var plan = Plan(scenario);
        return $"concurrency {scenario.Concurrency}, planned: {plan.MaxParallelBatches} batches x {plan.BatchParallelism} in flight, {plan.BatchSize} URLs each ({ActivitySlots(scenario)} activity slots)";
    }
}
