using FunctionsFetch.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>An unhandled exception answers 500 problem+json, as the Functions app's middleware does.</summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
        await httpContext.WriteAsync(ApiResult.Problem(ApiProblems.ServerError()));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
