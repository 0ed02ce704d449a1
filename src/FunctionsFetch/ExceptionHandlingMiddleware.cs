using FunctionsFetch.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Functions;

/// <summary>An HTTP function that throws answers 500 problem+json; other functions rethrow so Durable retries them.</summary>
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

            LogUnhandled(exception, context.FunctionDefinition.Name, context.InvocationId);
            var response = await ApiResult.Problem(ApiProblems.ServerError()).ToResponseAsync(request, CancellationToken.None);
            context.GetInvocationResult().Value = response;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed")]
    private partial void LogUnhandled(Exception exception, string functionName, string invocationId);
}
