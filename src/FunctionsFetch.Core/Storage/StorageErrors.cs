using System.Net;
using System.Net.Sockets;
using Azure;
using Grpc.Core;

namespace FunctionsFetch.Storage;

/// <summary>
/// Tells the storage failures apart that the host reacts to. They arrive wrapped: the Azure SDK throws an
/// <see cref="AggregateException"/> ("Retry failed after N tries") of <see cref="RequestFailedException"/>s over
/// <see cref="HttpRequestException"/> and <see cref="SocketException"/>, the Durable Task provider wraps that again,
/// and the engine's gRPC API turns it into an <see cref="RpcException"/>; so the whole chain is searched.
/// </summary>
public static class StorageErrors
{
    private const string PopReceiptMismatch = "PopReceiptMismatch";

    /// <summary>Storage could not be reached or answered that it cannot serve now: worth retrying later.</summary>
    public static bool IsUnavailable(Exception exception) => Chain(exception).Any(e => e switch
    {
        // Status 0: no answer at all (connection refused, reset, timed out).
        RequestFailedException failed => failed.Status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= (int)HttpStatusCode.InternalServerError,
        HttpRequestException or SocketException => true,
        RpcException rpc => rpc.StatusCode == StatusCode.Unavailable,
        _ => false,
    });

    /// <summary>
    /// The queue message a work item holds is no longer this holder's: deleted (404) or received again by someone
    /// else, which gives it a new pop receipt (400 PopReceiptMismatch). Retrying cannot succeed.
    /// </summary>
    public static bool IsMessageGone(Exception exception) => Chain(exception).OfType<RequestFailedException>().Any(e =>
        e.Status == (int)HttpStatusCode.NotFound || string.Equals(e.ErrorCode, PopReceiptMismatch, StringComparison.Ordinal));

    /// <summary>
    /// The innermost cause, for one log line: "Connection refused (127.0.0.1:10001)" rather than the SDK's retry
    /// summary, or an error answer's status and code ("400 PopReceiptMismatch").
    /// </summary>
    public static string Summary(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var current = exception;
        while (Inner(current) is { } inner)
        {
            current = inner;
        }

        // The SDK's own message for an error answer runs over many lines; its status and code say it.
        return current is RequestFailedException { Status: > 0 } failed ? $"{failed.Status} {failed.ErrorCode}" : current.Message;

        static Exception? Inner(Exception e) => e is AggregateException aggregate ? aggregate.InnerExceptions.FirstOrDefault() : e.InnerException;
    }

    /// <summary>The exception and every exception inside it, inner ones and aggregated ones.</summary>
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
