using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Dashboard;

/// <summary>
/// The answers of the dashboard's routes in both hosts: a file with its content type under a strict
/// Content-Security-Policy (no inline script or style, nothing from another origin), or a bare 404.
/// </summary>
public static class DashboardResults
{
    /// <summary>What the page may load and do: its own scripts, styles and API only; no inline script, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>The file at <paramref name="path"/> relative to the page (empty or null: the page itself), else 404.</summary>
    public static IResult File(string? path) =>
        DashboardFiles.Find(path) is { } file ? new FileResult(file) : TypedResults.NotFound();

    private sealed class FileResult(DashboardFile file) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status200OK;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = file.ContentType;
            response.ContentLength = file.Content.Length;
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            // Always asked again (answered from cache only when unchanged), so an upgraded host serves its own page.
            response.Headers.CacheControl = "no-cache";
            await response.Body.WriteAsync(file.Content, httpContext.RequestAborted);
        }
    }
}
