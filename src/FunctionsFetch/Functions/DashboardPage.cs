using FunctionsFetch.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsFetch.Functions;

/// <summary>
/// The dashboard under the API's route prefix: <c>/api/dashboard/</c> and its files, anonymous (static files only;
/// the page asks for a function key and sends it with its API calls). The page's links are relative, so
/// <c>/api/dashboard</c> redirects to <c>/api/dashboard/</c>.
/// </summary>
public sealed class DashboardPage
{
    [Function(nameof(GetDashboard))]
    public IResult GetDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.Value?.EndsWith('/') == true
            ? DashboardResults.File(DashboardFiles.Index)
            : TypedResults.Redirect("dashboard/");
    }

    [Function(nameof(GetDashboardFile))]
    public IResult GetDashboardFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DashboardResults.File(path);
    }
}
