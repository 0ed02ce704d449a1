using FunctionsFetch;
using FunctionsFetch.Functions;
using FunctionsFetch.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Outermost first: the job's log scope also covers the unhandled-failure log.
builder.UseMiddleware<JobLogScopeMiddleware>();
builder.UseMiddleware<ExceptionHandlingMiddleware>();
builder.Services.Configure<WorkerOptions>(options => options.Serializer = WorkerJson.Serializer);
builder.AddFetchServices();
builder.AddFetchTelemetry();

await builder.Build().RunAsync();
