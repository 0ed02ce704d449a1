using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

public static class HttpRequestQuery
{
    /// <summary>The query string as the handlers read it: a value by name (repeats joined by commas), or null.</summary>
    public static string? QueryValue(this HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
    }
}
