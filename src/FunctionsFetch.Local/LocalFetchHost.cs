using System.Globalization;
using DurableTask.Core;
using FunctionsFetch.Local.InstanceApi;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using FunctionsFetch.Local.Endpoints;
using FunctionsFetch.Local.Engine;
using FunctionsFetch.Configuration;
using FunctionsFetch.Local.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Local;

/// <summary>
/// Composes the local host: host.json and the <c>Fetch</c> section read as the Functions app reads them,
/// Azurite when needed, the in-process engine, the worker running the core's orchestrator and activity,
/// and the same HTTP API as the Functions app.
/// </summary>
public static class LocalFetchHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // host.json first, so environment variables and the command line override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource { Path = "host.json", Optional = false, ReloadOnChange = false });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The fetch API bounds request bodies itself (Fetch:MaxRequestBytes, answered with 413 problem+json).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        configure?.Invoke(builder);
        builder.AddLocalFetchServices();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapFetchApi();
        app.MapDurableWebhooks();
        return app;
    }

    private static void AddLocalFetchServices(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var engineOptions = configuration.GetSection(DurableEngineOptions.SectionName).Get<DurableEngineOptions>() ?? new DurableEngineOptions();
        var engineCheck = new DurableEngineOptionsValidator().Validate(null, engineOptions);
        if (engineCheck.Failed)
        {
            throw new OptionsValidationException(DurableEngineOptions.SectionName, typeof(DurableEngineOptions), engineCheck.Failures);
        }

        var localOptions = configuration.GetSection(LocalEngineOptions.SectionName).Get<LocalEngineOptions>() ?? new LocalEngineOptions();
        var localCheck = new LocalEngineOptionsValidator().Validate(null, localOptions);
        if (localCheck.Failed)
        {
            throw new OptionsValidationException(LocalEngineOptions.SectionName, typeof(LocalEngineOptions), localCheck.Failures);
        }

        var storage = StorageConnection.Resolve(configuration[StorageConnection.SettingName]);
        var workerId = localOptions.WorkerId ?? DefaultWorkerId(configuration[WebHostDefaults.ServerUrlsKey] ?? DefaultUrl);

        var services = builder.Services;
        if (localOptions.InMemory)
        {
            // No storage account: results stay in this process, like the engine's state.
            services.AddSingleton<IBlobContainer, InMemoryBlobContainer>();
        }

        builder.AddFetchServices();
        services.AddSingleton(Options.Create(engineOptions));
        services.AddSingleton(Options.Create(localOptions));

        // Hosted services start in this order and stop in reverse: Azurite, the engine, then the worker.
        if (!localOptions.InMemory && localOptions.StartAzurite && StorageConnection.IsDevelopmentStorage(storage))
        {
            services.AddHostedService<AzuriteLauncher>();
        }

        services.AddSingleton(provider =>
        {
            var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
            var (service, client) = OrchestrationServiceFactory.Create(engineOptions, localOptions, storage, workerId, loggerFactory);
            var wrapped = new SidecarOrchestrationService(
                service,
                engineOptions.MaxConcurrentActivityFunctions,
                engineOptions.MaxConcurrentOrchestratorFunctions,
                engineOptions.StorageProvider.WorkItemQueueVisibilityTimeout / 3,
                loggerFactory.CreateLogger<SidecarOrchestrationService>());
            return new SidecarEngine(wrapped, client, localOptions.SidecarPort, loggerFactory);
        });
        services.AddHostedService(provider => provider.GetRequiredService<SidecarEngine>());

        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(_ => { });
            worker.AddTasks(tasks =>
            {
                tasks.AddOrchestratorFunc<FetchJobInput, JobCounts>(FetchJobNames.Orchestrator, (context, _) => FetchOrchestration.RunAsync(context));
                tasks.AddActivity(FetchJobNames.FetchBatchActivity, provider => ActivatorUtilities.CreateInstance<FetchBatchActivity>(provider));
                tasks.AddActivity(FetchJobNames.RecordFailedBatchActivity, provider => ActivatorUtilities.CreateInstance<RecordFailedBatchActivity>(provider));
            });
        });
        services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>(Options.DefaultName)
            .Configure<SidecarEngine>((options, engine) =>
            {
                options.Channel = engine.Channel;

                // The sidecar sends no health pings; without this an idle worker reconnects every 2 minutes.
                options.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
        services.Configure<DurableTaskWorkerOptions>(options => options.DataConverter = FetchJson.DataConverter);

        services.AddDurableTaskClient(client => client.UseGrpc(_ => { }));
        services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>(Options.DefaultName)
            .Configure<SidecarEngine>((options, engine) => options.Channel = engine.Channel);
        services.Configure<DurableTaskClientOptions>(options => options.DataConverter = FetchJson.DataConverter);

        // Tried in this order: a storage outage answers 503, anything else 500.
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails();
        // Only Azure Storage keeps a history to read; in memory, showHistory answers 501.
        services.AddSingleton(provider => new DurableWebhooksApi(
            provider.GetRequiredService<DurableTaskClient>(),
            provider.GetRequiredService<JobStore>(),
            localOptions.InMemory ? null : ActivatorUtilities.CreateInstance<StorageHistorySource>(provider)));

        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
    }

    /// <summary>Machine and port: distinct for each process on a machine, the same after a restart.</summary>
    private static string DefaultWorkerId(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal);
        var port = Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri.Port : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{port}");
    }
}
