using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Testing;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>
/// A completion-callback receiver on 127.0.0.1: records every POST it gets (body, signature, delivery id, what it answered) and
/// verifies the signature itself, as a receiver would, with the shared secret.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    public const string Secret = "test-callback-secret";

    /// <summary>The "status" that makes the receiver hold a POST unanswered (recorded as answered 0).</summary>
    public const int Hold = 0;

    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    private CallbackReceiver(LoopbackServer server) => _server = server;

    /// <summary>Every POST received, in order.</summary>
    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>The URL jobs name as their <c>callbackUrl</c>, with a token in its query as a receiver might want.</summary>
    public string Url => _server.Url("/hooks/fetch?token=receiver-token-123");

    /// <param name="answer">The status to answer the n-th POST (from 1) with; 200 when null, and <see cref="Hold"/> for no answer at all.</param>
    public static async Task<CallbackReceiver> StartAsync(Func<int, int>? answer = null)
    {
        CallbackReceiver? receiver = null;
        var server = await LoopbackServer.StartAsync(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var number = receiver!._deliveries.Count + 1;
            var status = answer?.Invoke(number) ?? StatusCodes.Status200OK;
            receiver._deliveries.Enqueue(new Delivery(
                buffer.ToArray(),
                context.Request.Headers["X-FunctionsFetch-Signature"].ToString(),
                context.Request.Headers["X-FunctionsFetch-Delivery"].ToString(),
                context.Request.ContentType,
                context.Request.Path + context.Request.QueryString,
                status,
                DateTimeOffset.UtcNow));
            if (status == Hold)
            {
                // Never answered: the POST stays in flight until its sender goes away.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            context.Response.StatusCode = status;
        });
        receiver = new CallbackReceiver(server);
        return receiver;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>One POST as received.</summary>
    public sealed record Delivery(byte[] Body, string Signature, string DeliveryId, string? ContentType, string PathAndQuery, int Answered, DateTimeOffset ReceivedAt)
    {
        /// <summary>The signature recomputed here: HMAC-SHA256 of the body with the secret, lowercase hex, after <c>sha256=</c>.</summary>
        public bool IsSigned =>
            Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Body));

        public JsonElement Summary => JsonDocument.Parse(Body).RootElement;
    }
}
