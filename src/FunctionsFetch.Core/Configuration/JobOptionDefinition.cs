namespace FunctionsFetch.Configuration;

/// <summary>One per-job option; see <see cref="JobOptionCatalog"/>.</summary>
/// <param name="RequestName">The camelCase name in a request's <c>options</c>.</param>
/// <param name="ConfigName">The key under <c>Fetch:Defaults</c> and <c>Fetch:Limits</c>.</param>
/// <param name="Minimum">The lowest legal value.</param>
/// <param name="Read">Reads the value from settings.</param>
/// <param name="Apply">Returns settings with the value replaced.</param>
public sealed record JobOptionDefinition(
    string RequestName,
    string ConfigName,
    long Minimum,
    Func<JobSettings, long> Read,
    Func<JobSettings, long, JobSettings> Apply);
