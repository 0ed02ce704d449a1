using System.Security.Cryptography;
using System.Text;
using FunctionsFetch.Api;
using FunctionsFetch.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Endpoints;

/// <summary>
/// When <c>Fetch:ApiKey</c> is set, every route (status routes included) needs it, as a Functions key is
/// passed: the <c>x-functions-key</c> header or the <c>code</c> query parameter. Compared in constant time.
/// The dashboard's static files are open: the page asks for the key and sends it with its API calls.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<FetchOptions> options)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    private readonly byte[]? _key = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if (_key is null || DashboardEndpoints.IsDashboardFile(context.Request) || Matches(context.Request.Headers[HeaderName].ToString()) || Matches(context.Request.QueryValue(QueryName)))
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

    /// <summary>The query the status URLs handed back carry, so they work as given (as Functions adds its system key).</summary>
    public static string? StatusQuery(HttpContext context)
    {
        var key = context.RequestServices.GetRequiredService<IOptions<FetchOptions>>().Value.ApiKey;
        return string.IsNullOrEmpty(key) ? null : $"{QueryName}={Uri.EscapeDataString(key)}";
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}
