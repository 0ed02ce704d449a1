using FunctionsFetch.Configuration;
using FunctionsFetch.Diagnostics;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Functions.Telemetry;

/// <summary>
/// Application Insights records every outgoing HTTP call's full URL as the dependency's data; fetched URLs'
/// query strings can hold tokens, so they are redacted unless <c>Fetch:LogUrlQueries</c> is on.
/// </summary>
internal sealed class UrlRedactingTelemetryInitializer(IOptions<FetchOptions> options) : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        if (options.Value.LogUrlQueries || telemetry is not DependencyTelemetry { Data: { } data } dependency)
        {
            return;
        }

        if (data.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || data.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            dependency.Data = UrlForLogs.Redact(data, keepQuery: false);
        }
    }
}
