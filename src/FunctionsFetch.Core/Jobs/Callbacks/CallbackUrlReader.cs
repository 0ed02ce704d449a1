using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Fetching.Guard;

namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>
/// Reads a start request's <c>options.callbackUrl</c>: an absolute http or https URL without credentials, within
/// <c>Fetch:MaxUrlLength</c>, that the outbound guard does not refuse by its spelling (a literal private, loopback or metadata
/// address; a name is checked where the POST connects), on a server with <c>Fetch:CallbackSecret</c> set. A problem never
/// repeats the URL, whose query may hold a token.
/// </summary>
internal static class CallbackUrlReader
{
    public const string OptionName = "callbackUrl";

    /// <summary>The URL, or null with a problem.</summary>
    public static string? Read(JsonElement element, FetchOptions options, out string? problem)
    {
        problem = Problem(element, options);
        return problem is null ? element.GetString() : null;
    }

    private static string? Problem(JsonElement element, FetchOptions options)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return $"options.{OptionName} must be a string: an absolute http or https URL.";
        }

        if (string.IsNullOrEmpty(options.CallbackSecret))
        {
            return $"options.{OptionName} needs Fetch:CallbackSecret set on the server: callbacks are signed with it.";
        }

        var url = element.GetString()!;
        var (fault, _, uri) = UrlSpelling.Check(url, options.MaxUrlLength);
        var problem = fault switch
        {
            UrlSpellingFault.TooLong => $"options.{OptionName} is {url.Length} characters long; the limit is {options.MaxUrlLength} (Fetch:MaxUrlLength).",
            UrlSpellingFault.SurroundingWhitespace or UrlSpellingFault.ControlCharacter => $"options.{OptionName} holds a control character or surrounding whitespace.",
            UrlSpellingFault.NotHttp => $"options.{OptionName} is not an absolute http or https URL.",
            UrlSpellingFault.UserInfo => $"options.{OptionName} carries credentials (user info before '@'), which are never sent: put a token in its path or query instead.",
            _ => null,
        };
        if (problem is not null)
        {
            return problem;
        }

        return OutboundGuard.SpellingRefusal(uri!, options) is { } refusal
            ? $"options.{OptionName} is refused by the outbound guard: {refusal}"
            : null;
    }
}
