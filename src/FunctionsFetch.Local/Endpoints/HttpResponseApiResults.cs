using FunctionsFetch.Api;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>Copies a core <see cref="ApiResult"/> onto an ASP.NET Core response.</summary>
internal static class HttpResponseApiResults
{
    public static async Task WriteAsync(this HttpContext context, ApiResult result)
    {
        var response = context.Response;
        response.StatusCode = result.StatusCode;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        if (result.HasBody)
        {
            response.ContentType = result.ContentType;
            await result.WriteBodyAsync(response.Body, context.RequestAborted);
        }
    }

    /// <summary>The scheme, host and port the caller used, for the status URLs handed back.</summary>
    public static Uri BaseUrl(this HttpRequest request) => new($"{request.Scheme}://{request.Host}");

    /// <summary>The query string as the core APIs read it: a value by name, or null.</summary>
    public static string? QueryValue(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}
