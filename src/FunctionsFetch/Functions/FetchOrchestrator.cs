using FunctionsFetch.Jobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsFetch.Functions;

/// <summary>The orchestrator trigger; the body is the core's deterministic <see cref="FetchOrchestration"/>.</summary>
public static class FetchOrchestrator
{
    [Function(FetchJobNames.Orchestrator)]
    public static Task<JobCounts> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        FetchOrchestration.RunAsync(context);
}
