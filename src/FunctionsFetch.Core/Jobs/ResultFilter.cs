using System.Globalization;
using FunctionsFetch.Fetching;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Which results a page of rows shows: a status code range, one error kind (<c>none</c>: no error), failed or succeeded
/// ones, and text in the URL (case-insensitive). Every part is optional; a result must match them all.
/// </summary>
public sealed record ResultFilter(int? StatusMin = null, int? StatusMax = null, string? ErrorKind = null, bool? Failed = null, string? UrlText = null)
{
    /// <summary>The <c>errorKind</c> value for results without an error.</summary>
    public const string NoError = "none";

    /// <summary>Every error kind's name, as the API writes it.</summary>
    public static IReadOnlyList<string> ErrorKinds { get; } = Enum.GetValues<FetchErrorKind>().Select(JobResultsSummary.KindName).ToArray();

    public bool Matches(UrlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (StatusMin is not { } min || result.StatusCode >= min)
            && (StatusMax is not { } max || result.StatusCode <= max)
            && (ErrorKind is null || string.Equals(ErrorKind, result.Error is { } error ? JobResultsSummary.KindName(error.Kind) : NoError, StringComparison.Ordinal))
            && (Failed is not { } failed || result.IsFailure == failed)
            && (UrlText is null || result.Url.Contains(UrlText, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A filter from query values (null: not given), or null and why they are refused.</summary>
    public static (ResultFilter? Filter, string? Problem) Parse(string? statusMin, string? statusMax, string? errorKind, string? outcome, string? urlText)
    {
        if (!TryStatus("statusMin", statusMin, out var min, out var problem) || !TryStatus("statusMax", statusMax, out var max, out problem))
        {
            return (null, problem);
        }

        if (min > max)
        {
            return (null, $"statusMin ({min}) is above statusMax ({max}).");
        }

        if (errorKind is not null && errorKind != NoError && !ErrorKinds.Contains(errorKind, StringComparer.Ordinal))
        {
            return (null, $"errorKind must be {NoError} or one of {string.Join(", ", ErrorKinds)} (was '{errorKind}').");
        }

        bool? failed = outcome switch
        {
            null => null,
            "failed" => true,
            "succeeded" => false,
            _ => null,
        };
        if (outcome is not null && failed is null)
        {
            return (null, $"outcome must be failed or succeeded (was '{outcome}').");
        }

        return (new ResultFilter(min, max, errorKind, failed, string.IsNullOrEmpty(urlText) ? null : urlText), null);
    }

    private static bool TryStatus(string name, string? text, out int? status, out string? problem)
    {
        status = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 100 and <= 599)
        {
            status = value;
            return true;
        }

        problem = $"{name} must be a status code from 100 to 599 (was '{text}').";
        return false;
    }
}
