using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Engine;

/// <summary>Checks the <c>Local</c> section at startup; every message names the offending key.</summary>
public sealed class LocalEngineOptionsValidator : IValidateOptions<LocalEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicBaseUrl is { } url &&
            !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps) &&
              string.IsNullOrEmpty(parsed.Query) && string.IsNullOrEmpty(parsed.Fragment) && string.IsNullOrEmpty(parsed.UserInfo)))
        {
            return ValidateOptionsResult.Fail(
                $"{LocalEngineOptions.SectionName}:{nameof(LocalEngineOptions.PublicBaseUrl)} ('{url}') must be an absolute http or https URL without query, fragment or user info.");
        }

        return ValidateOptionsResult.Success;
    }
}
