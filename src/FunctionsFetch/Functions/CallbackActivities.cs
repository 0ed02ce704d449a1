using FunctionsFetch.Jobs;
using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Functions;

/// <summary>The callback orchestration's activity triggers; the bodies are the core's <see cref="JobEndProbe"/> and <see cref="CallbackDelivery"/>.</summary>
public sealed class CallbackActivities(CallbackDelivery delivery)
{
    [Function(FetchJobNames.ProbeJobStatusActivity)]
    public static Task<JobEndState> ProbeJobStatus([ActivityTrigger] string jobId, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JobEndProbe.ProbeAsync(client, jobId, context.CancellationToken);
    }

    [Function(FetchJobNames.DeliverCallbackActivity)]
    public Task<CallbackOutcome> DeliverCallback([ActivityTrigger] CallbackAttempt attempt, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return delivery.DeliverAsync(attempt, client, context.CancellationToken);
    }
}
