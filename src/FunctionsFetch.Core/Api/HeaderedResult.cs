using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

/// <summary>Another <see cref="IResult"/> with response headers of its own (Location, Retry-After, counts); ASP.NET Core's results set only their own.</summary>
public sealed class HeaderedResult(IResult inner, IReadOnlyDictionary<string, string> headers) : IResult, IStatusCodeHttpResult
{
    public IResult Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? throw new ArgumentNullException(nameof(headers));

    public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in Headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return Inner.ExecuteAsync(httpContext);
    }
}
