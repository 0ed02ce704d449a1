using System.Text.Json.Serialization;

namespace FunctionsFetch.Fetching;

/// <summary>Why a URL produced no usable response. Serialized camelCase, as the API documents it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FetchErrorKind>))]
public enum FetchErrorKind
{
    [JsonStringEnumMemberName("invalidUrl")] InvalidUrl,
    [JsonStringEnumMemberName("blocked")] Blocked,
    [JsonStringEnumMemberName("dns")] Dns,
    [JsonStringEnumMemberName("connect")] Connect,
    [JsonStringEnumMemberName("tls")] Tls,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("tooLarge")] TooLarge,
    [JsonStringEnumMemberName("tooManyRedirects")] TooManyRedirects,
    [JsonStringEnumMemberName("canceled")] Canceled,
    [JsonStringEnumMemberName("protocol")] Protocol,

    /// <summary>The batch activity fetching this URL failed every attempt (a crash, not an answer), so it was never fetched.</summary>
    [JsonStringEnumMemberName("batchFailed")] BatchFailed,

    /// <summary>The job respects robots.txt and the host's robots.txt disallows this URL (or could not be read), so it was never fetched.</summary>
    [JsonStringEnumMemberName("disallowedByRobots")] DisallowedByRobots,
}
