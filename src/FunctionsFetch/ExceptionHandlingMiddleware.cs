using FunctionsFetch.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Functions;

/// <summary>
/// An HTTP function that throws answers 500 problem+json, or its own 4xx when the request could not be read
/// (<see cref="BadHttpRequestException"/>: a body cut short or too slow); other functions rethrow so Durable retries them.
/// </summary>
internal sealed partial class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var request = await context.GetHttpRequestDataAsync();
            if (request is null)
            {
                throw;
            }

            var problem = ProblemFor(exception, context.FunctionDefinition.Name, context.InvocationId);
            var response = await ApiResponse.Problem(problem).ToResponseAsync(request, CancellationToken.None);
            context.GetInvocationResult().Value = response;
        }
    }

    /// <summary>What an HTTP function that threw <paramref name="exception"/> answers, logged as a client or a server error.</summary>
    internal ProblemDetails ProblemFor(Exception exception, string functionName, string invocationId)
    {
        if (exception is BadHttpRequestException unreadable)
        {
            LogClientError(functionName, invocationId, unreadable.StatusCode, unreadable.Message);
            return ApiProblems.UnreadableRequest(unreadable);
        }

        LogUnhandled(exception, functionName, invocationId);
        return ApiProblems.ServerError();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed")]
    private partial void LogUnhandled(Exception exception, string functionName, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {FunctionName} invocation {InvocationId} was a client error ({StatusCode}): {Reason}")]
    private partial void LogClientError(string functionName, string invocationId, int statusCode, string reason);
}
