using FunctionsFetch.Dashboard;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>
/// The dashboard at <c>/</c>: the page and each of its files at its own path, open without the API key (every
/// <c>/api</c> route still needs it). Only the known files are routes; nothing else is served from disk.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/", GetOrHead, () => DashboardResults.File(DashboardFiles.Index));
        foreach (var path in DashboardFiles.Paths)
        {
            routes.MapMethods("/" + path, GetOrHead, () => DashboardResults.File(path));
        }

        return routes;
    }
}
