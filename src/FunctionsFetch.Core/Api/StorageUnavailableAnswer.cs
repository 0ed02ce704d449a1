using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FunctionsFetch.Api;

/// <summary>
/// What any route answers while the storage account is unreachable, on both hosts: 503 problem+json with Retry-After,
/// not 500, since the request was fine and will work once storage is back. The cause stays in the log.
/// </summary>
public static class StorageUnavailableAnswer
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 10;

    public static IResult Create() => ApiResults.Json(
        StatusCodes.Status503ServiceUnavailable,
        ApiProblems.ServiceUnavailable($"The storage account is unreachable; try again in {RetryAfterSeconds} s."),
        new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        ApiResults.ProblemContentType);
}
