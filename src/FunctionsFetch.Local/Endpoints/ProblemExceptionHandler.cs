using FunctionsFetch.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>
/// An unhandled exception answers 500 problem+json, as the Functions app's middleware does; a request
/// Kestrel could not read (<see cref="BadHttpRequestException"/>: a body cut short, malformed chunks, too slow)
/// is the client's error and answers its own 4xx.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException unreadable)
        {
            LogClientError(httpContext.Request.Method, httpContext.Request.Path, unreadable.StatusCode, unreadable.Message);
            try
            {
                await ApiResults.Problem(ApiProblems.UnreadableRequest(unreadable)).ExecuteAsync(httpContext);
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
                // The client has gone: nobody is left to answer.
            }

            return true;
        }

        LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
        await ApiResults.Problem(ApiProblems.ServerError()).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogUnhandled(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} was a client error ({StatusCode}): {Reason}")]
    private partial void LogClientError(string method, PathString path, int statusCode, string reason);
}
