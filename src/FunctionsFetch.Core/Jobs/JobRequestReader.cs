using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Jobs.Callbacks;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Options;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Reads and validates a start request (JSON or text/plain) into a job input. Every rejection is a
/// problem that says what is wrong and where, so nothing half-valid is ever started.
/// </summary>
/// <remarks>
/// The body is UTF-8: a Content-Type charset other than utf-8 is refused (415), and one leading UTF-8
/// BOM is skipped, as many Windows tools write one. JSON property and option names are case-sensitive
/// and appear at most once. A URL may not hold control characters, surrounding whitespace (JSON; a
/// text/plain line is trimmed) or credentials (<c>user:pass@</c>).
/// </remarks>
public sealed class JobRequestReader(IOptions<FetchOptions> options)
{
    private const string UrlsProperty = "urls";
    private const string OptionsProperty = "options";
    private const string JobIdProperty = "jobId";

    private const string MethodOption = "method";

    /// <summary>The earlier job whose results a job revalidates: its id, checked here for its spelling and by the starter for its existence.</summary>
    public const string RevalidateOption = "revalidate";

    private static readonly string[] BodyProperties = [UrlsProperty, OptionsProperty, JobIdProperty];

    /// <summary>Every name <c>options</c> takes: the catalog's, then the request's shape.</summary>
    public static readonly IReadOnlyList<string> OptionNames = [.. JobOptionCatalog.All.Select(o => o.RequestName), MethodOption, RequestHeadersReader.OptionName, RevalidateOption, CallbackUrlReader.OptionName];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    private readonly FetchOptions _options = options.Value;

    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="contentLength">The declared length, when there is one.</param>
    /// <param name="body">The request body.</param>
    /// <param name="queryJobId">A <c>jobId</c> from the query string (the way text/plain bodies name one).</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    public async Task<JobRequestResult> ReadAsync(string? contentType, long? contentLength, Stream body, string? queryJobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (queryJobId is not null && !JobIds.IsValid(queryJobId))
        {
            return Invalid(JobIds.Rule(queryJobId));
        }

        var format = ParseFormat(contentType, out var charset);
        if (format is null)
        {
            return Invalid($"Content-Type must be application/json or text/plain (was '{contentType ?? "none"}').");
        }

        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return JobRequestResult.Invalid(new JobRequestError(
                JobRequestErrorKind.UnsupportedCharset,
                $"The Content-Type's charset '{charset}' is not supported: send the body as UTF-8, with charset=utf-8 or no charset."));
        }

        if (contentLength > _options.MaxRequestBytes)
        {
            return TooLarge();
        }

        var bytes = await BoundedBody.ReadAsync(body, _options.MaxRequestBytes, cancellationToken);
        if (bytes is null)
        {
            return TooLarge();
        }

        var content = SkipUtf8Bom(bytes.Value);
        var result = format == BodyFormat.Json ? ReadJson(content) : ReadText(content);
        if (result.Input is not null && queryJobId is not null)
        {
            return result.JobId is not null && result.JobId != queryJobId
                ? Invalid($"The body's jobId '{result.JobId}' and the query's '{queryJobId}' differ.")
                : result with { JobId = queryJobId };
        }

        return result;
    }

    /// <param name="contentType">The Content-Type header.</param>
    /// <param name="charset">Its charset parameter, unquoted, or null when it has none.</param>
    private static BodyFormat? ParseFormat(string? contentType, out string? charset)
    {
        charset = null;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType is null)
        {
            return null;
        }

        charset = media.CharSet?.Trim('"');

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
            media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyFormat.Json;
        }

        return media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) ? BodyFormat.Text : null;
    }

    private static ReadOnlyMemory<byte> SkipUtf8Bom(ReadOnlyMemory<byte> bytes) =>
        bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;

    private JobRequestResult ReadJson(ReadOnlyMemory<byte> bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Invalid($"The body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("The body must be a JSON object with a 'urls' array.");
            }

            JsonElement? urls = null;
            JsonElement? jobOptions = null;
            string? jobId = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return Invalid(Duplicate("property", property.Name));
                }

                switch (property.Name)
                {
                    case UrlsProperty:
                        urls = property.Value;
                        break;
                    case OptionsProperty:
                        jobOptions = property.Value;
                        break;
                    case JobIdProperty when property.Value.ValueKind != JsonValueKind.String || !JobIds.IsValid(property.Value.GetString()!):
                        return Invalid(JobIds.Rule(property.Value.ToString()));
                    case JobIdProperty:
                        jobId = property.Value.GetString();
                        break;
                    default:
                        return Invalid(WrongCase("property", property.Name, BodyProperties) ??
                            $"Unknown property '{property.Name}'. The body takes 'urls', 'options' and 'jobId'.");
                }
            }

            if (urls is not { ValueKind: JsonValueKind.Array } urlArray)
            {
                return Invalid("'urls' must be an array of URL strings.");
            }

            var resolved = ResolveOptions(jobOptions, out var optionsProblem);
            if (resolved is null)
            {
                return Invalid(optionsProblem!);
            }

            var list = new List<string>(Math.Min(urlArray.GetArrayLength(), _options.MaxUrlsPerJob));
            var index = 0;
            foreach (var item in urlArray.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return InvalidUrl(index, $"urls[{index}] must be a string.");
                }

                var url = item.GetString()!;
                var problem = CheckUrl(url, index);
                if (problem is not null)
                {
                    return problem;
                }

                list.Add(url);
                index++;
            }

            return Finish(list, resolved, jobId);
        }
    }

    private JobRequestResult ReadText(ReadOnlyMemory<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return Invalid("A text/plain body must be UTF-8.");
        }

        var list = new List<string>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var url = line.ToString();
            var problem = CheckUrl(url, list.Count, $" (line {lineNumber})");
            if (problem is not null)
            {
                return problem;
            }

            list.Add(url);
        }

        return Finish(list, new ResolvedOptions(_options.Defaults), jobId: null);
    }

    /// <summary>Checks the URL at <paramref name="index"/>, the count accepted before it.</summary>
    private JobRequestResult? CheckUrl(string url, int index, string where = "")
    {
        if (index >= _options.MaxUrlsPerJob)
        {
            return Invalid($"A job takes at most {_options.MaxUrlsPerJob} URLs (Fetch:MaxUrlsPerJob).");
        }

        var (fault, position, _) = UrlSpelling.Check(url, _options.MaxUrlLength);
        return fault switch
        {
            UrlSpellingFault.TooLong => InvalidUrl(index, $"urls[{index}]{where} is {url.Length} characters long; the limit is {_options.MaxUrlLength} (Fetch:MaxUrlLength)."),
            UrlSpellingFault.SurroundingWhitespace => InvalidUrl(index, $"urls[{index}]{where} has leading or trailing whitespace; send the URL without it."),
            UrlSpellingFault.ControlCharacter => InvalidUrl(index, $"urls[{index}]{where} contains the control character U+{(int)url[position]:X4} at position {position}; a URL may hold none (percent-encode it if it belongs there)."),
            UrlSpellingFault.NotHttp => InvalidUrl(index, $"urls[{index}]{where} is not an absolute http or https URL: '{url}'."),

            // Not repeated in the detail: the problem is logged.
            UrlSpellingFault.UserInfo => InvalidUrl(index, $"urls[{index}]{where} carries credentials (user info before '@'); credentials in URLs are never sent, so they are refused rather than stored: send the URL without them."),
            _ => null,
        };
    }

    private static JobRequestResult Finish(List<string> urls, ResolvedOptions resolved, string? jobId) =>
        urls.Count == 0
            ? Invalid("The job has no URLs.")
            : JobRequestResult.Valid(
                new JobRequest(urls, resolved.Settings)
                {
                    Headers = resolved.Headers,
                    Revalidate = resolved.Revalidate,
                    Callback = resolved.CallbackUrl is null ? null : new CallbackTarget(resolved.CallbackUrl),
                },
                jobId);

    /// <summary>
    /// The job's settings, its own request headers, the job it revalidates and its callback URL (each null when it names none);
    /// null with a problem.
    /// </summary>
    private ResolvedOptions? ResolveOptions(JsonElement? jobOptions, out string? problem)
    {
        problem = null;
        var settings = _options.Defaults;
        RequestHeaders? headers = null;
        string? revalidate = null;
        string? callbackUrl = null;
        if (jobOptions is null)
        {
            return new ResolvedOptions(settings);
        }

        if (jobOptions.Value.ValueKind != JsonValueKind.Object)
        {
            problem = "'options' must be an object (leave it out for the server's defaults).";
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in jobOptions.Value.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                problem = Duplicate("option", property.Name);
                return null;
            }

            // The request's shape is no number: read here, beside the catalog's options.
            if (property.Name == MethodOption)
            {
                problem = MethodProblem(property.Value);
                if (problem is not null)
                {
                    return null;
                }

                settings = settings with { Method = property.Value.GetString()! };
                continue;
            }

            if (property.Name == RevalidateOption)
            {
                revalidate = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (revalidate is null || !JobIds.IsValid(revalidate))
                {
                    problem = $"options.{RevalidateOption} must be the id of an earlier job: {JobIds.Rule(property.Value.ToString())}";
                    return null;
                }

                continue;
            }

            if (property.Name == CallbackUrlReader.OptionName)
            {
                callbackUrl = CallbackUrlReader.Read(property.Value, _options, out problem);
                if (problem is not null)
                {
                    return null;
                }

                continue;
            }

            if (property.Name == RequestHeadersReader.OptionName)
            {
                headers = RequestHeadersReader.Read(property.Value, _options, out problem);
                if (problem is not null)
                {
                    return null;
                }

                continue;
            }

            var definition = JobOptionCatalog.Find(property.Name);
            if (definition is null)
            {
                problem = WrongCase("option", property.Name, OptionNames) ??
                    $"Unknown option '{property.Name}'. Known options: {string.Join(", ", OptionNames)}.";
                return null;
            }

            var limit = definition.Read(_options.Limits);
            if (!TryReadValue(definition, property.Value, out var value))
            {
                problem = definition.IsSwitch
                    ? $"options.{definition.RequestName} must be true or false."
                    : $"options.{definition.RequestName} must be a whole number.";
                return null;
            }

            if (definition.IsSwitch && value > limit)
            {
                problem = $"options.{definition.RequestName} is not allowed on this server (Fetch:Limits:{definition.ConfigName} is false).";
                return null;
            }

            problem = definition.RangeProblem($"options.{definition.RequestName}", value, limit);
            if (problem is not null)
            {
                return null;
            }

            settings = definition.Apply(settings, value);
        }

        problem = JobPlanner.Refusal(settings);
        return problem is null ? new ResolvedOptions(settings, headers, revalidate, callbackUrl) : null;
    }

    /// <summary>A switch takes a JSON true or false; any other option a whole number.</summary>
    private static bool TryReadValue(JobOptionDefinition definition, JsonElement element, out long value)
    {
        value = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False when definition.IsSwitch:
                value = element.ValueKind == JsonValueKind.True ? 1 : 0;
                return true;
            case JsonValueKind.Number when !definition.IsSwitch:
                return element.TryGetInt64(out value);
            default:
                return false;
        }
    }

    /// <summary>Why <c>options.method</c> is not GET or HEAD, or null when it is.</summary>
    private static string? MethodProblem(JsonElement element)
    {
        var method = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (FetchMethods.IsKnown(method))
        {
            return null;
        }

        var hint = method is not null && FetchMethods.IsKnown(method.ToUpperInvariant())
            ? $" Methods are case-sensitive: did you mean '{method.ToUpperInvariant()}'?"
            : string.Empty;
        // The value as JSON (escaped, so no line break reaches the log), and only when short.
        var given = element.GetRawText();
        var was = given.Length <= 32 ? $" (was {given})" : string.Empty;
        return $"options.{MethodOption} must be \"{FetchMethods.Get}\" or \"{FetchMethods.Head}\"{was}.{hint}";
    }

    private static string Duplicate(string kind, string name) => $"Duplicate {kind} '{name}': each {kind} may appear only once.";

    /// <summary>The answer to a name that matches a known one but for case; null when it matches none.</summary>
    private static string? WrongCase(string kind, string name, IEnumerable<string> known) =>
        known.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } expected
            ? $"Unknown {kind} '{name}'. {char.ToUpperInvariant(kind[0])}{kind[1..]} names are case-sensitive: did you mean '{expected}'?"
            : null;

    private static JobRequestResult Invalid(string detail) => JobRequestResult.Invalid(new JobRequestError(JobRequestErrorKind.Invalid, detail));

    private static JobRequestResult InvalidUrl(int index, string detail) =>
        JobRequestResult.Invalid(new JobRequestError(JobRequestErrorKind.Invalid, detail, index));

    private JobRequestResult TooLarge() => JobRequestResult.Invalid(new JobRequestError(
        JobRequestErrorKind.TooLarge, $"The body exceeds {_options.MaxRequestBytes} bytes (Fetch:MaxRequestBytes)."));

    /// <summary>What a request's <c>options</c> resolve to.</summary>
    private sealed record ResolvedOptions(JobSettings Settings, RequestHeaders? Headers = null, string? Revalidate = null, string? CallbackUrl = null);

    private enum BodyFormat
    {
        Json,
        Text,
    }
}
