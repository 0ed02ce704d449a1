using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using FunctionsFetch.Serialization;

namespace FunctionsFetch.Api;

/// <summary>
/// The API's answers as ASP.NET Core <see cref="TypedResults"/>, written with <see cref="FetchJson.Options"/> and
/// explicit content types so both hosts send the same bytes (problem+json included) and streamed results are never
/// buffered whole. The local host returns them from its routes; the Functions app's triggers return them too.
/// </summary>
public static class ApiResults
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    public static IResult Json<T>(int statusCode, T body, IReadOnlyDictionary<string, string>? headers = null, string contentType = JsonContentType) =>
        WithHeaders(TypedResults.Json(body, FetchJson.Options, contentType, statusCode), headers);

    /// <summary>A 200 body of any type the caller writes itself (streamed).</summary>
    public static IResult Stream(string contentType, Func<Stream, Task> writeBody, IReadOnlyDictionary<string, string>? headers = null) =>
        WithHeaders(TypedResults.Stream(writeBody, contentType), headers);

    /// <summary>A status with no body.</summary>
    public static IResult Empty(int statusCode) => TypedResults.StatusCode(statusCode);

    public static IResult Problem(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Json(problem.Status ?? StatusCodes.Status500InternalServerError, problem, contentType: ProblemContentType);
    }

    private static IResult WithHeaders(IResult result, IReadOnlyDictionary<string, string>? headers) =>
        headers is null || headers.Count == 0 ? result : new HeaderedResult(result, headers);
}
