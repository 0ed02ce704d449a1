using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Functions;

/// <summary>The orchestrator trigger; the body is the core's deterministic <see cref="FetchOrchestration"/>, which counts the job's end in <see cref="FetchMetrics"/>.</summary>
public static class FetchOrchestrator
{
    [Function(FetchJobNames.Orchestrator)]
    public static Task<JobCounts> Run([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext executionContext) =>
        FetchOrchestration.RunAsync(context, executionContext?.InstanceServices.GetService<FetchMetrics>());
}
