using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Api;

/// <summary>
/// The API's one <see cref="IResult"/>: status, headers and a body written straight to the response stream with
/// <see cref="FetchJson.Options"/>, so every host sends the same bytes (problem+json included) and streamed results are
/// never buffered whole. The local host returns it from its routes; the Functions app copies it to its response.
/// </summary>
public sealed class ApiResponse : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    private readonly Func<Stream, CancellationToken, Task> _writeBody;

    private ApiResponse(int statusCode, string contentType, IReadOnlyDictionary<string, string> headers, Func<Stream, CancellationToken, Task> writeBody)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Headers = headers;
        _writeBody = writeBody;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>False for answers with no body (no Content-Type is sent).</summary>
    public bool HasBody { get; private init; } = true;

    public string ContentType { get; }

    /// <summary>Headers besides Content-Type.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public Task WriteBodyAsync(Stream destination, CancellationToken cancellationToken) => _writeBody(destination, cancellationToken);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (HasBody)
        {
            response.ContentType = ContentType;
            await WriteBodyAsync(response.Body, httpContext.RequestAborted);
        }
    }

    public static ApiResponse Json<T>(int statusCode, T body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, JsonContentType, headers ?? EmptyHeaders, (stream, ct) => JsonSerializer.SerializeAsync(stream, body, FetchJson.Options, ct));

    /// <summary>A JSON body the caller writes itself (streamed).</summary>
    public static ApiResponse JsonStream(int statusCode, Func<Stream, CancellationToken, Task> writeBody, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, JsonContentType, headers ?? EmptyHeaders, writeBody);

    /// <summary>A body of any type the caller writes itself (streamed).</summary>
    public static ApiResponse Stream(int statusCode, string contentType, Func<Stream, CancellationToken, Task> writeBody, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, contentType, headers ?? EmptyHeaders, writeBody);

    /// <summary>A status with no body.</summary>
    public static ApiResponse Empty(int statusCode) =>
        new(statusCode, JsonContentType, EmptyHeaders, (_, _) => Task.CompletedTask) { HasBody = false };

    public static ApiResponse Problem(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Status ?? 500, ProblemContentType, EmptyHeaders, (stream, ct) => JsonSerializer.SerializeAsync(stream, problem, FetchJson.Options, ct));
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();
}
