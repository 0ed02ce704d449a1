using FunctionsFetch.Jobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;

namespace FunctionsFetch.Local.Engine;

/// <summary>The fetch activity on the local engine; the body is the core's <see cref="BatchFetcher"/>, as in the Functions app.</summary>
public sealed class FetchBatchActivity(BatchFetcher fetcher, DurableTaskClient client, IHostApplicationLifetime lifetime) : TaskActivity<FetchBatch, BatchOutcome>
{
    public override Task<BatchOutcome> RunAsync(TaskActivityContext context, FetchBatch input) =>
        fetcher.FetchAsync(input, new DurableJobStateProbe(client), lifetime.ApplicationStopping);
}
