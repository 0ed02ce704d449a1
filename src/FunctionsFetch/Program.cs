using FunctionsFetch;
using FunctionsFetch.Configuration;
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
// The job planner sizes batches for this instance's activity slots, as the Functions host reads them.
builder.Services.AddSingleton(ActivitySlots.ForFunctionsApp(
    builder.Configuration[$"AzureFunctionsJobHost:{ActivitySlots.HostJsonKey}"], Path.Combine(AppContext.BaseDirectory, "host.json")));
builder.AddFetchServices();
builder.AddFetchTelemetry();
builder.AddFetchMetricsExport();

await builder.Build().RunAsync();
