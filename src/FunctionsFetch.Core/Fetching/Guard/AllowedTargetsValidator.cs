using FunctionsFetch.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>Checks <c>Fetch:AllowedTargets</c> at startup with the guard's own parser; every message names the entry.</summary>
public sealed class AllowedTargetsValidator : IValidateOptions<FetchOptions>
{
    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedTargets.Length; i++)
        {
            if (!AllowedTarget.TryParse(options.AllowedTargets[i], out _))
            {
                failures.Add($"{FetchOptions.SectionName}:{nameof(FetchOptions.AllowedTargets)}:{i} ('{options.AllowedTargets[i]}') is not a host, address or CIDR range with an optional :port.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
