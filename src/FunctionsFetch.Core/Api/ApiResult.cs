using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Api;

/// <summary>
/// A host-neutral HTTP answer: each host copies the status and headers to its own response
/// type and lets the body write itself to the response stream.
/// </summary>
public sealed class ApiResult
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    private readonly Func<Stream, CancellationToken, Task> _writeBody;

    private ApiResult(int statusCode, string contentType, IReadOnlyDictionary<string, string> headers, Func<Stream, CancellationToken, Task> writeBody)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Headers = headers;
        _writeBody = writeBody;
    }

    public int StatusCode { get; }

    /// <summary>False for answers with no body (no Content-Type is sent).</summary>
    public bool HasBody { get; private init; } = true;

    public string ContentType { get; }

    /// <summary>Headers besides Content-Type.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public Task WriteBodyAsync(Stream destination, CancellationToken cancellationToken) => _writeBody(destination, cancellationToken);

    public static ApiResult Json<T>(int statusCode, T body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, JsonContentType, headers ?? EmptyHeaders, (stream, ct) => JsonSerializer.SerializeAsync(stream, body, FetchJson.Options, ct));

    /// <summary>A JSON body the caller writes itself (streamed).</summary>
    public static ApiResult JsonStream(int statusCode, Func<Stream, CancellationToken, Task> writeBody, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, JsonContentType, headers ?? EmptyHeaders, writeBody);

    /// <summary>A body of any type the caller writes itself (streamed).</summary>
    public static ApiResult Stream(int statusCode, string contentType, Func<Stream, CancellationToken, Task> writeBody, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, contentType, headers ?? EmptyHeaders, writeBody);

    /// <summary>A status with no body.</summary>
    public static ApiResult Empty(int statusCode) =>
        new(statusCode, JsonContentType, EmptyHeaders, (_, _) => Task.CompletedTask) { HasBody = false };

    public static ApiResult Problem(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Status ?? 500, ProblemContentType, EmptyHeaders, (stream, ct) => JsonSerializer.SerializeAsync(stream, problem, FetchJson.Options, ct));
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();
}
