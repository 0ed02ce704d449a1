using FunctionsFetch;
using FunctionsFetch.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionHandlingMiddleware>();
builder.Services.Configure<WorkerOptions>(options => options.Serializer = WorkerJson.Serializer);
builder.AddFetchServices();

await builder.Build().RunAsync();
