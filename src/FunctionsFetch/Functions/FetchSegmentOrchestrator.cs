using FunctionsFetch.Jobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsFetch.Functions;

/// <summary>The segment orchestrator trigger a large job runs its batches under; the body is the core's <see cref="FetchSegmentOrchestration"/>.</summary>
public static class FetchSegmentOrchestrator
{
    [Function(FetchJobNames.SegmentOrchestrator)]
    public static Task<SegmentOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        FetchSegmentOrchestration.RunAsync(context);
}
