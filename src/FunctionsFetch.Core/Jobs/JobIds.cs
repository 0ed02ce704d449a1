using System.Text.RegularExpressions;

namespace FunctionsFetch.Jobs;

/// <summary>Client-chosen job ids: 1-64 of <c>A-Z a-z 0-9 _ -</c>, safe in URLs, blob names and instance ids.</summary>
public static partial class JobIds
{
    public static bool IsValid(string? jobId) => jobId is not null && Pattern().IsMatch(jobId);

    public static string Rule(string? jobId) => $"jobId must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-' (was '{jobId}').";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
