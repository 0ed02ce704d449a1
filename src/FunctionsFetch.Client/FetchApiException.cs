using System.Net;
using System.Text.Json;

namespace FunctionsFetch.Client;

/// <summary>
/// An answer the call did not expect (a 404 for an unknown job, a 400 for a bad start, a 401 without the key,
/// a 409 for a job that already ended...), with what the server said: the problem+json <see cref="Title"/> and
/// <see cref="Detail"/> when it sent one, and the <see cref="Body"/> as it came either way.
/// </summary>
public sealed class FetchApiException : Exception
{
    public FetchApiException()
        : this("The fetch API refused the call.")
    {
    }

    public FetchApiException(string message)
        : this(message, innerException: null)
    {
    }

    public FetchApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Body = string.Empty;
    }

    public FetchApiException(HttpStatusCode statusCode, string? title, string? detail, string body)
        : base($"The fetch API answered {(int)statusCode}: {detail ?? title ?? body}".TrimEnd())
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Body = body;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's <c>title</c>, or null when the answer was not a problem document.</summary>
    public string? Title { get; }

    /// <summary>The problem's <c>detail</c>: what was wrong with this request in particular.</summary>
    public string? Detail { get; }

    /// <summary>The answer's body as text.</summary>
    public string Body { get; }

    /// <summary>Reads the refusal's body; the caller still owns <paramref name="response"/>.</summary>
    internal static async Task<FetchApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Problem? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize<Problem>(body, ClientJson.Options);
        }
        catch (JsonException)
        {
            // Not a problem document: the body tells as it came.
        }

        return new FetchApiException(response.StatusCode, problem?.Title, problem?.Detail, body);
    }

    private sealed record Problem(string? Title = null, string? Detail = null);
}
