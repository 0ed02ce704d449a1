using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace FunctionsFetch.Local.Engine;

/// <summary>Registers the worker that runs the core's orchestrator and activities on the local engine.</summary>
public static class FetchWorkerRegistration
{
    /// <summary>
    /// Adds the core's services (options validated on start, the fetch client, the job store; in memory when the
    /// engine is) and a Durable Task worker running the fetch orchestrator and its two activities.
    /// </summary>
    public static IHostApplicationBuilder AddFetchWorker(this IHostApplicationBuilder builder, bool inMemory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (inMemory)
        {
            // No storage account: the job store stays in this process, like the engine's state.
            builder.Services.AddSingleton<IBlobContainer, InMemoryBlobContainer>();
        }

        builder.AddFetchServices();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(_ => { });
            worker.AddTasks(tasks =>
            {
                tasks.AddOrchestratorFunc<FetchJobInput, JobCounts>(FetchJobNames.Orchestrator, (context, _) => FetchOrchestration.RunAsync(context));
                tasks.AddActivity(FetchJobNames.FetchBatchActivity, provider => ActivatorUtilities.CreateInstance<FetchBatchActivity>(provider));
                tasks.AddActivity(FetchJobNames.RecordFailedBatchActivity, provider => ActivatorUtilities.CreateInstance<RecordFailedBatchActivity>(provider));
            });
        });
        return builder;
    }
}
