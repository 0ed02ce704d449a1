using FunctionsFetch.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FunctionsFetch.Api;

/// <summary>The problem+json bodies the API answers with, so both hosts word errors alike.</summary>
public static class ApiProblems
{
    public static ProblemDetails BadRequest(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status400BadRequest, "The request is not valid.", detail, extensions);

    /// <summary>
    /// A request the server could not read: a body cut short, malformed chunked encoding, a body arriving
    /// too slowly (408). Kestrel says so with a <see cref="BadHttpRequestException"/>; its status and reason are the client's to see.
    /// </summary>
    public static ProblemDetails UnreadableRequest(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var title = exception.StatusCode == StatusCodes.Status408RequestTimeout ? "The request body arrived too slowly." : "The request could not be read.";
        return Create(exception.StatusCode, title, $"The request could not be read: {exception.Message}", null);
    }

    /// <summary>The one place a refused start request becomes an HTTP answer.</summary>
    public static ProblemDetails For(JobRequestError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            JobRequestErrorKind.TooLarge => Create(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", error.Detail, null),
            JobRequestErrorKind.UnsupportedCharset => UnsupportedMediaType(error.Detail),
            _ => BadRequest(error.Detail, error.Index is { } index ? new Dictionary<string, object?> { ["index"] = index } : null),
        };
    }

    public static ProblemDetails UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "The request body's media type is not supported.", detail, null);

    public static ProblemDetails NotFound(string instanceId) =>
        Create(StatusCodes.Status404NotFound, "No such job.", $"No job with id '{instanceId}' exists.", null);

    public static ProblemDetails NoBody(string detail) =>
        Create(StatusCodes.Status404NotFound, "No stored body.", detail, null);

    public static ProblemDetails Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, "The request conflicts with the job's state.", detail, null);

    public static ProblemDetails Gone(string instanceId, string runtimeStatus) =>
        Create(StatusCodes.Status410Gone, "The instance has already ended.", $"Instance '{instanceId}' is {runtimeStatus}.", null);

    public static ProblemDetails NotImplemented(string detail) =>
        Create(StatusCodes.Status501NotImplemented, "Not supported here.", detail, null);

    public static ProblemDetails ServerError() =>
        Create(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The server could not complete the request; see its logs.", null);

    // The RFC 9110 sections ASP.NET Core itself links problem types to.
    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status410Gone => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status501NotImplemented => "https://tools.ietf.org/html/rfc9110#section-15.6.2",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    private static ProblemDetails Create(int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails
        {
            Type = TypeFor(status),
            Title = title,
            Status = status,
            Detail = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    /// <summary>503: the storage account is unreachable for now; the caller retries after the Retry-After header.</summary>
    public static ProblemDetails ServiceUnavailable(string detail)
    {
        var problem = Create(StatusCodes.Status503ServiceUnavailable, "The service is temporarily unavailable.", detail, null);
        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4";
        return problem;
    }
}
