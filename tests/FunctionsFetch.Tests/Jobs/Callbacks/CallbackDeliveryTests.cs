using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs;
using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Serialization;
using FunctionsFetch.Storage;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FunctionsFetch.Tests.Jobs.Callbacks;

/// <summary>The delivery activity's body end to end: the core's real registrations, a loopback receiver, an in-memory job store.</summary>
public sealed class CallbackDeliveryTests : IAsyncDisposable
{
    private const string JobId = "job-7";
    private const string Secret = "unit-secret";
    private const string DeliveryId = "d41d8cd98f00b204e9800998ecf8427e";

    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly ConcurrentQueue<Received> _received = new();
    private ServiceProvider? _services;

    [Fact]
    public async Task DeliverAsync_Answered2xx_PostsTheSignedSummaryAndRecordsItDelivered()
    {
        // Arrange
        await using var receiver = await ReceiverAsync(StatusCodes.Status204NoContent);
        var delivery = await DeliveryAsync(receiver.Url("/hook?token=t0k"), OrchestrationRuntimeStatus.Completed, new JobCounts(3, 2, 1));

        // Act
        var outcome = await delivery.DeliverAsync(new CallbackAttempt(JobId, DeliveryId, 1), _client.Object, CancellationToken.None);

        // Assert
        Assert.Equal(new CallbackOutcome(true, 204, 1), outcome);
        Assert.Equal(outcome, await Store.ReadCallbackOutcomeAsync(JobId, CancellationToken.None));
        var post = Assert.Single(_received);
        Assert.Equal("/hook?token=t0k", post.PathAndQuery);
        Assert.Equal("application/json", post.ContentType);
        Assert.Equal(DeliveryId, post.DeliveryId);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), post.Body)), post.Signature);
        Assert.Equal(
            """{"id":"job-7","runtimeStatus":"Completed","total":3,"succeeded":2,"failed":1,"reason":null,"statusUrl":"http://api.test:7071/api/fetch/job-7","resultsUrl":"http://api.test:7071/api/fetch/job-7/results"}""",
            Encoding.UTF8.GetString(post.Body));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(302)]
    [InlineData(301)]
    public async Task DeliverAsync_AnsweredOtherThan2xx_RecordsItNotDeliveredWithTheStatusAndFollowsNoRedirect(int status)
    {
        // Arrange
        await using var receiver = await ReceiverAsync(status);
        var delivery = await DeliveryAsync(receiver.Url("/hook"), OrchestrationRuntimeStatus.Failed, new JobCounts(3, 0, 3));

        // Act
        var outcome = await delivery.DeliverAsync(new CallbackAttempt(JobId, DeliveryId, 2), _client.Object, CancellationToken.None);

        // Assert
        Assert.False(outcome.Delivered);
        Assert.Equal((status, 2), (outcome.StatusCode!.Value, outcome.Attempts));
        Assert.Equal(outcome, await Store.ReadCallbackOutcomeAsync(JobId, CancellationToken.None));
        Assert.Single(_received);
    }

    [Fact]
    public async Task DeliverAsync_NameResolvingToLoopbackNotAllowed_RefusedAtConnectAndTheReceiverSeesNothing()
    {
        // Arrange: "localhost" passes no spelling check here; the guard refuses the address it resolves to.
        await using var receiver = await ReceiverAsync(StatusCodes.Status200OK);
        var delivery = await DeliveryAsync($"http://localhost:{receiver.Port}/hook", OrchestrationRuntimeStatus.Completed, new JobCounts(1, 1, 0), allowPrivate: false);

        // Act
        var outcome = await delivery.DeliverAsync(new CallbackAttempt(JobId, DeliveryId, 1), _client.Object, CancellationToken.None);

        // Assert
        Assert.Equal(new CallbackOutcome(false, null, 1), outcome);
        Assert.Empty(_received);
        Assert.Equal(0, receiver.Hits);
    }

    [Fact]
    public async Task DeliverAsync_NoOneListening_RecordsItNotDeliveredWithoutAStatus()
    {
        // Arrange
        var port = FunctionsFetch.Local.FreePorts.Next();
        var delivery = await DeliveryAsync($"http://127.0.0.1:{port}/hook", OrchestrationRuntimeStatus.Completed, new JobCounts(1, 1, 0));

        // Act
        var outcome = await delivery.DeliverAsync(new CallbackAttempt(JobId, DeliveryId, 3), _client.Object, CancellationToken.None);

        // Assert
        Assert.Equal(new CallbackOutcome(false, null, 3), outcome);
        Assert.Equal(outcome, await Store.ReadCallbackOutcomeAsync(JobId, CancellationToken.None));
    }

    [Fact]
    public async Task DeliverAsync_TerminatedJob_CountsTheRowsItStoredAsItsStatusDoes()
    {
        // Arrange: a terminate froze the progress at 1 result; its batches stored 3 (one failed) of its 10 URLs.
        await using var receiver = await ReceiverAsync(StatusCodes.Status200OK);
        var delivery = await DeliveryAsync(receiver.Url("/hook"), OrchestrationRuntimeStatus.Terminated, new JobCounts(10, 1, 0), output: "\"Canceled by request.\"");
        await Store.WriteManifestAsync(JobId, new JobManifest("h", 10, new FunctionsFetch.Configuration.JobSettings(), HasCallback: true), CancellationToken.None);
        await Store.WriteBatchAsync(JobId, 0, 0, [Row(0, 200), Row(1, 500), Row(2, 200)], CancellationToken.None);

        // Act
        await delivery.DeliverAsync(new CallbackAttempt(JobId, DeliveryId, 1), _client.Object, CancellationToken.None);

        // Assert
        using var summary = JsonDocument.Parse(Assert.Single(_received).Body);
        var root = summary.RootElement;
        Assert.Equal("Terminated", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Canceled by request.", root.GetProperty("reason").GetString());
        Assert.Equal((10, 2, 1), (root.GetProperty("total").GetInt32(), root.GetProperty("succeeded").GetInt32(), root.GetProperty("failed").GetInt32()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private JobStore Store => _services!.GetRequiredService<JobStore>();

    private static UrlResult Row(int index, int status) =>
        new(index, $"https://example.test/{index}", $"https://example.test/{index}", status, 5, 10, "hash", "text/plain", 1, Error: null);

    /// <summary>The real delivery over the core's registrations, the job known to the client and its target stored.</summary>
    private async Task<CallbackDelivery> DeliveryAsync(string url, OrchestrationRuntimeStatus status, JobCounts progress, bool allowPrivate = true, string? output = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fetch:CallbackSecret"] = Secret,
            ["Fetch:CallbackTimeoutSeconds"] = "5",
            ["Fetch:AllowPrivateNetworks"] = allowPrivate ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IBlobContainer, InMemoryBlobContainer>();
        services.AddFetchServices();
        _services = services.BuildServiceProvider(validateScopes: true);
        await Store.WriteCallbackTargetAsync(JobId, new CallbackTarget(url, "http://api.test:7071"), CancellationToken.None);
        _client
            .Setup(c => c.GetInstanceAsync(JobId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FetchJobNames.Orchestrator, JobId)
            {
                RuntimeStatus = status,
                SerializedCustomStatus = FetchJson.DataConverter.Serialize(progress),
                SerializedOutput = output,
                DataConverter = FetchJson.DataConverter,
            });
        return _services.GetRequiredService<CallbackDelivery>();
    }

    private Task<LoopbackServer> ReceiverAsync(int answer) =>
        LoopbackServer.StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            _received.Enqueue(new Received(
                buffer.ToArray(),
                context.Request.Headers[CallbackSignature.SignatureHeader].ToString(),
                context.Request.Headers[CallbackSignature.DeliveryHeader].ToString(),
                context.Request.ContentType,
                context.Request.Path + context.Request.QueryString));
            context.Response.StatusCode = answer;
        });

    private sealed record Received(byte[] Body, string Signature, string DeliveryId, string? ContentType, string PathAndQuery);
}
