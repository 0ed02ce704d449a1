using FunctionsFetch.Jobs;
using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FunctionsFetch.Functions;

/// <summary>The callback orchestrator trigger; the body is the core's deterministic <see cref="FetchCallbackOrchestration"/>.</summary>
public static class FetchCallbackOrchestrator
{
    [Function(FetchJobNames.CallbackOrchestrator)]
    public static Task<CallbackOutcome?> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        FetchCallbackOrchestration.RunAsync(context);
}
