using System.Globalization;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>
/// Reads the list endpoint's query string and continuation token (see <see cref="InstanceContinuationToken"/>)
/// into a Durable query, or says which parameter is wrong.
/// </summary>
internal static class InstanceQueryParser
{
    public const int DefaultPageSize = 100;

    public static OrchestrationQuery? Parse(Func<string, string?> query, string? continuationToken, out string? problem)
    {
        problem = null;
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (query("runtimeStatus") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || int.TryParse(name, out _))
            {
                problem = $"runtimeStatus '{name}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.";
                return null;
            }

            statuses.Add(status);
        }

        if (!TryTime(query, "createdTimeFrom", out var from, ref problem) || !TryTime(query, "createdTimeTo", out var to, ref problem))
        {
            return null;
        }

        var pageSize = DefaultPageSize;
        if (query("top") is { } top && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > 1000))
        {
            problem = $"top must be a whole number from 1 to 1000 (was '{top}').";
            return null;
        }

        if (!TryBool(query, "showInput", false, out var showInput, ref problem))
        {
            return null;
        }

        string? engineToken = null;
        if (!string.IsNullOrEmpty(continuationToken) && !InstanceContinuationToken.TryUnwrap(continuationToken, out engineToken))
        {
            problem = "The x-ms-continuation-token header is not a token this API handed out: send back the one the previous page answered with, unchanged, or none for the first page.";
            return null;
        }

        return new OrchestrationQuery
        {
            CreatedFrom = from,
            CreatedTo = to,
            Statuses = statuses.Count == 0 ? null : statuses,
            InstanceIdPrefix = query("instanceIdPrefix"),
            PageSize = pageSize,
            FetchInputsAndOutputs = showInput,
            ContinuationToken = engineToken,
        };
    }

    public static bool TryBool(Func<string, string?> query, string name, bool fallback, out bool value, ref string? problem)
    {
        value = fallback;
        var text = query(name);
        if (text is null || bool.TryParse(text, out value))
        {
            return true;
        }

        problem = $"{name} must be true or false (was '{text}').";
        return false;
    }

    private static bool TryTime(Func<string, string?> query, string name, out DateTimeOffset? value, ref string? problem)
    {
        value = null;
        var text = query(name);
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = $"{name} must be an ISO 8601 time (was '{text}').";
        return false;
    }
}
