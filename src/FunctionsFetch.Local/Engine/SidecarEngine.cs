using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// The Durable Task engine in this process: the gRPC sidecar served by its own HTTP/2-only Kestrel on a
/// loopback port, over the storage provider. Registered as the first hosted service, so it starts before
/// the worker connects and stops after the worker has gone.
/// </summary>
public sealed partial class SidecarEngine : IHostedService, IAsyncDisposable
{
    private readonly SidecarOrchestrationService _service;
    private readonly IOrchestrationServiceClient _client;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<SidecarEngine> _logger;
    private WebApplication? _server;

    public SidecarEngine(SidecarOrchestrationService service, IOrchestrationServiceClient client, int port, ILoggerFactory loggerFactory)
    {
        _service = service;
        _client = client;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SidecarEngine>();
        Port = port == 0 ? FreePorts.Next() : port;
        Address = new Uri($"http://127.0.0.1:{Port}");
        Channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            // Batch payloads can pass gRPC's 4 MB default.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            LoggerFactory = loggerFactory,
        });
    }

    public int Port { get; }

    public Uri Address { get; }

    /// <summary>The channel the worker and client talk to the engine through.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The storage provider as the sidecar's dispatchers see it.</summary>
    public SidecarOrchestrationService Service => _service;

    /// <summary>The storage provider as clients see it (queries, purge, history).</summary>
    public IOrchestrationServiceClient ServiceClient => _client;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Fail fast when storage is unreachable; the sidecar itself only starts the service once a worker connects.
        await _service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        // The engine's logs go to the app's loggers; its own Kestrel's start-up lines would only confuse.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(_loggerFactory));
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
            options.Interceptors.Add<StorageUnavailableInterceptor>();
        });
        builder.Services.AddSingleton<IOrchestrationService>(_service);
        builder.Services.AddSingleton(_client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http2));
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        await _server.StartAsync(cancellationToken);
        LogStarted(Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Channel.Dispose();
        await _service.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task engine listening on {Address}")]
    private partial void LogStarted(Uri address);
}
