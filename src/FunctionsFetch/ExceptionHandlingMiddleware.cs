using FunctionsFetch.Api;
using FunctionsFetch.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Functions;

/// <summary>
/// An HTTP function that throws answers 500 problem+json, 503 with Retry-After while storage is unreachable, or its own
/// 4xx when the request could not be read (<see cref="BadHttpRequestException"/>: a body cut short or too slow); the
/// answer becomes the invocation's result, which the ASP.NET Core integration executes. Other functions rethrow so
/// Durable retries them.
/// </summary>
internal sealed partial class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && context.GetHttpContext() is not null)
        {
            context.GetInvocationResult().Value = AnswerFor(exception, context.FunctionDefinition.Name, context.InvocationId);
        }
    }

    /// <summary>What an HTTP function that threw <paramref name="exception"/> answers, logged as a client, storage or server error.</summary>
    internal IResult AnswerFor(Exception exception, string functionName, string invocationId)
    {
        if (exception is BadHttpRequestException unreadable)
        {
            LogClientError(functionName, invocationId, unreadable.StatusCode, unreadable.Message);
            return ApiResults.Problem(ApiProblems.UnreadableRequest(unreadable));
        }

        if (StorageErrors.IsUnavailable(exception))
        {
            LogStorageUnavailable(functionName, invocationId, StorageErrors.Summary(exception));
            return StorageUnavailableAnswer.Create();
        }

        LogUnhandled(exception, functionName, invocationId);
        return ApiResults.Problem(ApiProblems.ServerError());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed")]
    private partial void LogUnhandled(Exception exception, string functionName, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {FunctionName} invocation {InvocationId} was a client error ({StatusCode}): {Reason}")]
    private partial void LogClientError(string functionName, string invocationId, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {FunctionName} invocation {InvocationId} answered 503: storage is unavailable ({Reason})")]
    private partial void LogStorageUnavailable(string functionName, string invocationId, string reason);
}
