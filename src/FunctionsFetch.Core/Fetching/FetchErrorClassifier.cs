using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using FunctionsFetch.Fetching.Guard;
using Polly.Timeout;

namespace FunctionsFetch.Fetching;

/// <summary>Turns what a fetch threw into the typed error the results carry.</summary>
internal static class FetchErrorClassifier
{
    public static FetchError Classify(Exception exception, bool callerCanceled)
    {
        if (callerCanceled)
        {
            return new FetchError(FetchErrorKind.Canceled, "The fetch was canceled before it finished.");
        }

        if (Find<BlockedDestinationException>(exception) is { } blocked)
        {
            return new FetchError(FetchErrorKind.Blocked, blocked.Message);
        }

        if (Find<SocketException>(exception) is { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } dns)
        {
            return new FetchError(FetchErrorKind.Dns, dns.Message);
        }

        return exception switch
        {
            TimeoutRejectedException => new FetchError(FetchErrorKind.Timeout, "No response headers arrived within the attempt timeout."),
            OperationCanceledException => new FetchError(FetchErrorKind.Timeout, "The body did not arrive within the attempt timeout."),
            HttpRequestException http => ClassifyHttp(http),
            AuthenticationException tls => new FetchError(FetchErrorKind.Tls, tls.Message),
            IOException io => new FetchError(FetchErrorKind.Protocol, $"The connection failed while reading: {io.Message}"),
            _ => new FetchError(FetchErrorKind.Protocol, exception.Message),
        };
    }

    /// <summary>True when the guard refused the connection: never worth a retry.</summary>
    public static bool IsBlocked(Exception exception) => Find<BlockedDestinationException>(exception) is not null;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static FetchError ClassifyHttp(HttpRequestException exception)
    {
        var kind = exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => FetchErrorKind.Dns,
            HttpRequestError.ConnectionError => FetchErrorKind.Connect,
            HttpRequestError.SecureConnectionError => FetchErrorKind.Tls,
            HttpRequestError.Unknown => ClassifyBySocket(exception),
            _ => FetchErrorKind.Protocol,
        };
        return new FetchError(kind, exception.Message);
    }

    private static FetchErrorKind ClassifyBySocket(HttpRequestException exception) =>
        exception.InnerException switch
        {
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => FetchErrorKind.Dns,
            SocketException => FetchErrorKind.Connect,
            AuthenticationException => FetchErrorKind.Tls,
            _ => FetchErrorKind.Protocol,
        };
}
