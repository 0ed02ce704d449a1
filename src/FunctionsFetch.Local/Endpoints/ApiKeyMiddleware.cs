using System.Security.Cryptography;
using System.Text;
using FunctionsFetch.Api;
using FunctionsFetch.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>
/// When <c>Fetch:ApiKey</c> is set, every API route (<c>/api/…</c> and the Durable instance API under <c>/runtime/…</c>,
/// status routes included) needs it, as a Functions key is passed: the <c>x-functions-key</c> header or the <c>code</c>
/// query parameter. Compared in constant time. Every other path carries no secret and is served without it: the
/// dashboard's static files, <c>/docs</c>, <c>/openapi/v1.json</c>, <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<FetchOptions> options)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    private readonly byte[]? _key = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_key is null || !IsApi(context.Request.Path) || Matches(context.Request.Headers[HeaderName].ToString()) || Matches(context.Request.QueryValue(QueryName)))
        {
            await next(context);
            return;
        }

        await ApiResults.Problem(new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            Title = "An API key is required.",
            Status = StatusCodes.Status401Unauthorized,
            Detail = $"Send the key configured as Fetch:ApiKey in the {HeaderName} header or the {QueryName} query parameter.",
        }).ExecuteAsync(context);
    }

    /// <summary>Whether a path is the API's: under <c>/api</c> or <c>/runtime</c>, in any case (routing ignores case too).</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/runtime", StringComparison.OrdinalIgnoreCase);

    /// <summary>The query the status URLs handed back carry, so they work as given (as Functions adds its system key).</summary>
    public static string? StatusQuery(HttpContext context)
    {
        var key = context.RequestServices.GetRequiredService<IOptions<FetchOptions>>().Value.ApiKey;
        return string.IsNullOrEmpty(key) ? null : $"{QueryName}={Uri.EscapeDataString(key)}";
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}
