using FunctionsFetch.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Functions;

/// <summary>
/// Opens the job's log scope around an HTTP function whose route names a job (<c>fetch/{id}…</c>), so even
/// the unhandled-failure log of <see cref="ExceptionHandlingMiddleware"/> carries the <c>JobId</c>.
/// Activities and new jobs open it in the core, where the id is known.
/// </summary>
internal sealed class JobLogScopeMiddleware(ILogger<JobLogScopeMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private const string RouteKey = "id";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.BindingContext.BindingData.TryGetValue(RouteKey, out var value) || value is not string jobId)
        {
            await next(context);
            return;
        }

        using var scope = JobLogScope.Begin(logger, jobId);
        await next(context);
    }
}
