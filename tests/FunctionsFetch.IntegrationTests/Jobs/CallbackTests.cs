using FunctionsFetch.IntegrationTests.Infrastructure;
using FunctionsFetch.Jobs;
using FunctionsFetch.Local;
using FunctionsFetch.Testing;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace FunctionsFetch.IntegrationTests.Jobs;

/// <summary>A job's completion callback on the local host and Azurite, received by a loopback receiver that checks each signature itself.</summary>
[Collection(AzuriteTests.Name)]
public sealed class CallbackTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CompletedJob_ReceiverGetsOneVerifiedDeliveryAndTheStatusShowsIt()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var host = await InProcessHost.StartAsync(Settings());
        var urls = new[] { target.Url("a"), target.FailingUrl("b", status: 404), target.Url("c") };

        // Act
        var started = await host.Api.StartAsync(urls, new { callbackUrl = receiver.Url });
        await WaitUntilDeliveredAsync(host.DurableClient, started.Id);
        var results = await host.Api.WaitForResultsAsync(started.Id, Polling.Within(Within));

        // Assert
        var delivery = Assert.Single(receiver.Deliveries);
        var ended = await host.DurableClient.GetInstanceAsync(started.Id, getInputsAndOutputs: false);
        output.WriteLine($"Delivered {(delivery.ReceivedAt - ended!.LastUpdatedAt).TotalMilliseconds:F0} ms after the job completed.");
        Assert.True(delivery.IsSigned, "the signature does not verify");
        Assert.Equal("/hooks/fetch?token=receiver-token-123", delivery.PathAndQuery);
        Assert.Equal("application/json", delivery.ContentType);
        Assert.False(string.IsNullOrEmpty(delivery.DeliveryId));
        var summary = delivery.Summary;
        Assert.Equal(started.Id, summary.GetProperty("id").GetString());
        Assert.Equal("Completed", summary.GetProperty("runtimeStatus").GetString());
        Assert.Equal((3, 2, 1), (summary.GetProperty("total").GetInt32(), summary.GetProperty("succeeded").GetInt32(), summary.GetProperty("failed").GetInt32()));
        Assert.Equal($"{host.Settings.BaseUri.AbsoluteUri}api/fetch/{started.Id}", summary.GetProperty("statusUrl").GetString());
        Assert.Equal($"{host.Settings.BaseUri.AbsoluteUri}api/fetch/{started.Id}/results", summary.GetProperty("resultsUrl").GetString());
        Assert.Equal(new FunctionsFetch.Client.CallbackOutcome(true, 200, 1), results.Callback);
    }

    [Fact]
    public async Task JobCanceledThroughTheApi_ReceiverGetsOneVerifiedDeliveryOfTheTerminatedJob()
    {
        // Arrange
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(2));
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var host = await InProcessHost.StartAsync(Settings());
        var id = await StartFetchingAsync(host, target, receiver);

        // Act
        await host.Api.CancelAsync(id);
        await WaitUntilDeliveredAsync(host.DurableClient, id);
        var results = await host.Api.WaitForResultsAsync(id, Polling.Within(Within));

        // Assert: one delivery, the terminated job's counts as its status has them.
        var delivery = Assert.Single(receiver.Deliveries);
        Assert.True(delivery.IsSigned, "the signature does not verify");
        var summary = delivery.Summary;
        Assert.Equal("Terminated", summary.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Canceled by request.", summary.GetProperty("reason").GetString());
        Assert.Equal(
            (results.Total, results.Succeeded, results.Failed),
            (summary.GetProperty("total").GetInt32(), summary.GetProperty("succeeded").GetInt32(), summary.GetProperty("failed").GetInt32()));
        Assert.Equal(new FunctionsFetch.Client.CallbackOutcome(true, 200, 1), results.Callback);
    }

    [Fact]
    public async Task JobTerminatedThroughTheDurableApi_ReceiverGetsOneVerifiedDeliveryWithTheReason()
    {
        // Arrange: the job never tells its callback it ended; only the callback's own polling sees the terminate.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.FromSeconds(2));
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var host = await InProcessHost.StartAsync(Settings());
        var id = await StartFetchingAsync(host, target, receiver);

        // Act
        using var terminate = await host.Http.PostAsync(new Uri($"/runtime/webhooks/durabletask/instances/{id}/terminate?reason=enough", UriKind.Relative), content: null);
        await WaitUntilDeliveredAsync(host.DurableClient, id);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Accepted, terminate.StatusCode);
        var delivery = Assert.Single(receiver.Deliveries);
        Assert.True(delivery.IsSigned, "the signature does not verify");
        Assert.Equal("Terminated", delivery.Summary.GetProperty("runtimeStatus").GetString());
        Assert.Equal("enough", delivery.Summary.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task HostKilledAfterTheJobEndedBeforeADeliverySucceeded_RestartedHostDeliversWithTheSameDeliveryId()
    {
        // Arrange: the receiver answers 500 to the first POST; the host is killed as soon as it has been sent.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var receiver = await CallbackReceiver.StartAsync(answer: n => n == 1 ? 500 : 200);
        var settings = Settings();
        string id;
        await using (var first = await HostProcess.StartAsync(settings))
        {
            id = (await first.Api.StartAsync([target.Url("x"), target.Url("y")], new { callbackUrl = receiver.Url })).Id;
            await Eventually.HoldsAsync(() => receiver.Deliveries.Count > 0, Within);

            // Act: a crash after the job ended and before any delivery succeeded.
            await first.KillAsync();
        }

        Assert.DoesNotContain(receiver.Deliveries, d => d.Answered == 200);
        await using var second = await HostProcess.StartAsync(settings);
        await Eventually.HoldsAsync(() => receiver.Deliveries.Any(d => d.Answered == 200), Within);
        // The receiver records a POST before it answers, and the outcome is stored after the answer.
        await Eventually.HoldsAsync(() => StatusShowsDelivered(second, id), Within);
        var results = await second.Api.WaitForResultsAsync(id, Polling.Within(Within));

        // Assert: every POST signed, all one delivery; the one answered 200 says the job completed.
        var deliveries = receiver.Deliveries;
        output.WriteLine($"POSTs received: {deliveries.Count} ({string.Join(", ", deliveries.Select(d => d.Answered))})");
        Assert.All(deliveries, d => Assert.True(d.IsSigned, "a signature does not verify"));
        Assert.Single(deliveries.Select(d => d.DeliveryId).Distinct());
        var delivered = deliveries.Single(d => d.Answered == 200);
        Assert.Equal(id, delivered.Summary.GetProperty("id").GetString());
        Assert.Equal("Completed", delivered.Summary.GetProperty("runtimeStatus").GetString());
        Assert.Equal(2, results.Succeeded);
        Assert.True(results.Callback?.Delivered);
    }

    [Fact]
    public async Task HostKilledWhileItsPostIsInFlight_RestartedHostPostsAgainWithTheSameDeliveryId()
    {
        // Arrange: the receiver holds the first POST unanswered; the host is killed while it waits for the answer.
        await using var target = await LatencyTarget.StartAsync(TimeSpan.Zero);
        await using var receiver = await CallbackReceiver.StartAsync(answer: n => n == 1 ? CallbackReceiver.Hold : 200);
        var settings = Settings();
        string id;
        await using (var first = await HostProcess.StartAsync(settings))
        {
            id = (await first.Api.StartAsync([target.Url("x")], new { callbackUrl = receiver.Url })).Id;
            await Eventually.HoldsAsync(() => receiver.Deliveries.Count > 0, Within);

            // Act
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        await Eventually.HoldsAsync(() => StatusShowsDelivered(second, id), Within);

        // Assert: the activity ran again after the crash (at least once), with the same delivery id.
        var deliveries = receiver.Deliveries;
        output.WriteLine($"POSTs received: {deliveries.Count} ({string.Join(", ", deliveries.Select(d => d.Answered))})");
        Assert.Equal(CallbackReceiver.Hold, deliveries[0].Answered);
        Assert.Equal(200, deliveries[^1].Answered);
        Assert.All(deliveries, d => Assert.True(d.IsSigned, "a signature does not verify"));
        Assert.Single(deliveries.Select(d => d.DeliveryId).Distinct());
        Assert.Equal(deliveries[0].Body, deliveries[^1].Body);
    }

    private HostSettings Settings() =>
        new HostSettings(AzuriteFixture.NewHubName(), azurite.ConnectionString, FreePorts.Next()).Set("Fetch:CallbackSecret", CallbackReceiver.Secret);

    /// <summary>Starts a job of 2 s URLs, 2 at a time, with the receiver as its callback; returns once it is fetching, so it is still running for a while.</summary>
    private static async Task<string> StartFetchingAsync(InProcessHost host, LatencyTarget target, CallbackReceiver receiver)
    {
        var urls = Enumerable.Range(0, 40).Select(i => target.Url($"slow{i}")).ToArray();
        var started = await host.Api.StartAsync(urls, new { concurrency = 2, callbackUrl = receiver.Url });
        await Eventually.HoldsAsync(() => target.TotalHits > 0, TimeSpan.FromSeconds(30));
        return started.Id;
    }

    /// <summary>Until the job's callback orchestration has ended, so no other POST can follow.</summary>
    private static Task WaitUntilDeliveredAsync(DurableTaskClient client, string jobId) =>
        Eventually.HoldsAsync(
            () => client.GetInstanceAsync(FetchJobNames.CallbackInstanceId(jobId), getInputsAndOutputs: false).GetAwaiter().GetResult() is { IsCompleted: true },
            Within);

    private static bool StatusShowsDelivered(HostProcess host, string id)
    {
        using var status = host.Api.GetStatusAsync(id).GetAwaiter().GetResult();
        return status.HasEnded && status.Results.ReadResultsAsync().GetAwaiter().GetResult().Callback?.Delivered == true;
    }
}
