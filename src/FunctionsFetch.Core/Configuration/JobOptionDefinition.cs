using System.Globalization;

namespace FunctionsFetch.Configuration;

/// <summary>One per-job option; see <see cref="JobOptionCatalog"/>.</summary>
/// <param name="RequestName">The camelCase name in a request's <c>options</c>.</param>
/// <param name="ConfigName">The key under <c>Fetch:Defaults</c> and <c>Fetch:Limits</c>.</param>
/// <param name="Minimum">The lowest legal value.</param>
/// <param name="Read">Reads the value from settings.</param>
/// <param name="Apply">Returns settings with the value replaced.</param>
/// <param name="IsSwitch">A boolean option: requests give true or false, read as 1 or 0.</param>
/// <param name="IsOverride">
/// An expert override of the planned batch shape: only a job that names it sets it; its configured default is 0
/// (planned), and its limit bounds what a job may name.
/// </param>
public sealed record JobOptionDefinition(
    string RequestName,
    string ConfigName,
    long Minimum,
    Func<JobSettings, long> Read,
    Func<JobSettings, long, JobSettings> Apply,
    bool IsSwitch = false,
    bool IsOverride = false)
{
    /// <summary>Why <paramref name="value"/> is refused, given the server's <paramref name="limit"/>, or null when it is in range.</summary>
    /// <param name="path">Where the value stood in the request, as the message names it (<c>options.concurrency</c>).</param>
    /// <param name="value">The value asked for.</param>
    /// <param name="limit">The server's limit for the option.</param>
    public string? RangeProblem(string path, long value, long limit) =>
        value < Minimum || value > limit ? $"{path} must be between {Minimum} and {limit} (was {value})." : null;

    /// <summary>The value as a person would write it: a number, or true/false for a switch.</summary>
    public string Format(long value) =>
        IsSwitch ? (value != 0 ? "true" : "false") : value.ToString(CultureInfo.InvariantCulture);
}
