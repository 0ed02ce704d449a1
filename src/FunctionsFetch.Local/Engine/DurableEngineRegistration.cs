using System.Globalization;
using FunctionsFetch.Configuration;
using FunctionsFetch.Local.Storage;
using FunctionsFetch.Serialization;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Engine;

/// <summary>Registers the in-process Durable Task engine the local host runs on.</summary>
public static class DurableEngineRegistration
{
    /// <summary>
    /// Adds the engine: host.json's <c>extensions:durableTask</c> and the <c>Local</c> section, both validated
    /// here so a bad value stops the host before it starts; Azurite when the storage is the emulator; the
    /// gRPC sidecar over the storage provider (or memory); and the channel the worker and client talk to it on.
    /// </summary>
    public static LocalEngineOptions AddDurableEngine(this WebApplicationBuilder builder, string defaultUrl)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var engineOptions = Validated(configuration.GetSection(DurableEngineOptions.SectionName).Get<DurableEngineOptions>() ?? new DurableEngineOptions(), new DurableEngineOptionsValidator(), DurableEngineOptions.SectionName);
        var localOptions = Validated(configuration.GetSection(LocalEngineOptions.SectionName).Get<LocalEngineOptions>() ?? new LocalEngineOptions(), new LocalEngineOptionsValidator(), LocalEngineOptions.SectionName);
        var storage = StorageConnection.Resolve(configuration[StorageConnection.SettingName]);
        var workerId = localOptions.WorkerId ?? DefaultWorkerId(configuration[WebHostDefaults.ServerUrlsKey] ?? defaultUrl);

        var services = builder.Services;
        services.AddSingleton(Options.Create(engineOptions));
        services.AddSingleton(new ActivitySlots(engineOptions.MaxConcurrentActivityFunctions));
        services.AddSingleton(Options.Create(localOptions));

        // Hosted services start in this order and stop in reverse: Azurite, the engine, then the worker.
        if (!localOptions.InMemory && localOptions.StartAzurite && AzuriteEndpoints.PortsOf(storage) is { } azuritePorts)
        {
            services.AddSingleton(new AzuriteLaunch(azuritePorts, localOptions.AzuriteDataPath));
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

        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        return localOptions;
    }

    private static T Validated<T>(T options, IValidateOptions<T> validator, string section)
        where T : class
    {
        var check = validator.Validate(null, options);
        return check.Failed ? throw new OptionsValidationException(section, typeof(T), check.Failures) : options;
    }

    /// <summary>Machine and port: distinct for each process on a machine, the same after a restart.</summary>
    private static string DefaultWorkerId(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal);
        var port = Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri.Port : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{port}");
    }
}
