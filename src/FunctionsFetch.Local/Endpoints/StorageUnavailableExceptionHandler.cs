using FunctionsFetch.Storage;
using FunctionsFetch.Api;
using FunctionsFetch.Local.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>While the storage account is unreachable every route answers <see cref="StorageUnavailableAnswer"/>. Registered before <see cref="ProblemExceptionHandler"/>.</summary>
internal sealed partial class StorageUnavailableExceptionHandler(ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (!StorageErrors.IsUnavailable(exception))
        {
            return false;
        }

        // The cause (which can name the storage endpoint) goes to the log only.
        var reason = StorageErrors.Summary(exception);
        LogStorageUnavailable(httpContext.Request.Method, httpContext.Request.Path, reason);
        await StorageUnavailableAnswer.Create().ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage is unavailable ({Reason})")]
    private partial void LogStorageUnavailable(string method, string path, string reason);
}
