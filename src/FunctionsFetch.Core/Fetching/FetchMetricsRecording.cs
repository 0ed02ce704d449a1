using System.Text.Json;
using FunctionsFetch.Diagnostics;

namespace FunctionsFetch.Fetching;

/// <summary>A stored <see cref="UrlResult"/> as <see cref="FetchMetrics"/> counts it.</summary>
public static class FetchMetricsRecording
{
    public static void Fetched(this FetchMetrics metrics, UrlResult result)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(result);

        // A 304 keeps the earlier body's size: nothing was read.
        metrics.Fetched(result.IsFailure, result.Error is { } error ? KindName(error.Kind) : null, result.StatusCode, result.ElapsedMs, result.NotModified ? 0 : result.Bytes);
    }

    /// <summary>The kind as the API writes it (<c>invalidUrl</c>, <c>timeout</c>…).</summary>
    public static string KindName(FetchErrorKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
