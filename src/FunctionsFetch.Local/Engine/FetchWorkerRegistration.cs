using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using FunctionsFetch.Jobs;
using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Engine;

/// <summary>Registers the worker that runs the core's orchestrator and activities on the local engine.</summary>
public static class FetchWorkerRegistration
{
    /// <summary>Left for the worker, the engine and Azurite to stop once the batches have drained.</summary>
    private static readonly TimeSpan StopTimeAfterDrain = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Adds the core's services (options validated on start, the fetch client, the job store; in memory when the
    /// engine is) and a Durable Task worker running the fetch orchestrator and its two activities, and the callback orchestrator and its two.
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
            // The orchestrator counts its job's end: it is registered where the host's metrics resolve.
            worker.Services.AddOptions<DurableTaskRegistry>(worker.Name).Configure<FetchMetrics>((tasks, metrics) =>
                tasks.AddOrchestratorFunc<FetchJobInput, JobCounts>(FetchJobNames.Orchestrator, (context, _) => FetchOrchestration.RunAsync(context, metrics)));
            worker.AddTasks(tasks =>
            {
                tasks.AddActivity(FetchJobNames.FetchBatchActivity, provider => ActivatorUtilities.CreateInstance<FetchBatchActivity>(provider));
                tasks.AddActivity(FetchJobNames.RecordFailedBatchActivity, provider => ActivatorUtilities.CreateInstance<RecordFailedBatchActivity>(provider));
                tasks.AddOrchestratorFunc<FetchCallbackInput, CallbackOutcome?>(FetchJobNames.CallbackOrchestrator, (context, _) => FetchCallbackOrchestration.RunAsync(context));
                tasks.AddActivity(FetchJobNames.ProbeJobStatusActivity, provider => ActivatorUtilities.CreateInstance<ProbeJobStatusActivity>(provider));
                tasks.AddActivity(FetchJobNames.DeliverCallbackActivity, provider => ActivatorUtilities.CreateInstance<DeliverCallbackActivity>(provider));
            });
        });

        // After the worker, so it stops before it: the batches' outcomes reach storage while the worker still sends them.
        builder.Services.AddHostedService<ActivityDrain>();
        var drain = TimeSpan.FromSeconds(ConfiguredDrainSeconds(builder.Configuration));
        builder.Services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = Max(host.ShutdownTimeout, drain + ActivityDrain.SettleTime + ActivityDrain.OrchestrationsTime + StopTimeAfterDrain));
        return builder;
    }

    /// <summary>
    /// <c>Fetch:DrainSeconds</c> as written, read without validating: the host's own options are built with the host,
    /// before the fetch options are validated on start, where a bad value is reported with its key.
    /// </summary>
    private static int ConfiguredDrainSeconds(IConfiguration configuration) =>
        int.TryParse(configuration[$"{FetchOptions.SectionName}:{nameof(FetchOptions.DrainSeconds)}"], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? seconds
            : new FetchOptions().DrainSeconds;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
