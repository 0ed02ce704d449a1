using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;

namespace FunctionsFetch.Local.Engine;

/// <summary>One POST of a job's completion callback; the body is the core's <see cref="CallbackDelivery"/>, as in the Functions app.</summary>
public sealed class DeliverCallbackActivity(CallbackDelivery delivery, DurableTaskClient client, IHostApplicationLifetime lifetime) : TaskActivity<CallbackAttempt, CallbackOutcome>
{
    public override Task<CallbackOutcome> RunAsync(TaskActivityContext context, CallbackAttempt input) =>
        delivery.DeliverAsync(input, client, lifetime.ApplicationStopping);
}
