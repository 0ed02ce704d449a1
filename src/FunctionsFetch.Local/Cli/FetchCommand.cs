using System.CommandLine;
using System.Text;
using FunctionsFetch.Configuration;
using FunctionsFetch.Jobs;

namespace FunctionsFetch.Local.Cli;

/// <summary>
/// <c>fetch urls.txt</c>: submits a URL list to a running server (or an engine in this process), shows
/// its progress and writes its results.
/// </summary>
internal sealed class FetchCommand : Command
{
    public const string ApiKeyVariable = "FETCH_API_KEY";

    // Shorter spellings for the options people set most.
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["batchParallelism"] = "--parallelism",
        ["timeoutSeconds"] = "--timeout",
    };

    private readonly Argument<string> _input = new("urls") { Description = "File with one URL a line (blank lines and # comments skipped), or - for standard input" };
    private readonly Option<string> _endpoint = new("--endpoint") { Description = "The running server", DefaultValueFactory = _ => LocalFetchHost.DefaultUrl };
    private readonly Option<bool> _embedded = new("--embedded") { Description = "Run the engine in this process (in memory unless --storage) instead of calling a server" };
    private readonly Option<string?> _storage = new("--storage") { Description = "With --embedded: a storage connection string (UseDevelopmentStorage=true for Azurite)" };
    private readonly Option<string?> _out = new("--out", "-o") { Description = "Results file; standard output when absent or -" };
    private readonly Option<string?> _format = new("--format", "-f") { Description = "json, ndjson or csv; default from the --out extension, else json" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = $"Sent as x-functions-key; default ${ApiKeyVariable}" };
    private readonly Option<string?> _jobId = new("--job-id") { Description = "Idempotent job id: the same id and input start one job" };
    private readonly Option<string?> _method = new("--method") { Description = "GET (the default) or HEAD: status and headers only, falling back to GET on 405 or 501" };
    private readonly Option<string[]> _headers = new("--header", "-H") { Description = "A request header 'Name: value' for every URL (repeatable); values stay out of logs and history" };
    private readonly Option<string?> _revalidate = new("--revalidate")
    {
        Description = "An earlier job's id: each URL it fetched with an ETag or Last-Modified is fetched conditionally, and a 304 keeps that job's body",
    };

    private readonly Option<string?> _callbackUrl = new("--callback-url") { Description = "An http(s) URL the server POSTs a signed summary to once the job has ended (needs Fetch:CallbackSecret on the server)" };
    private readonly List<(string RequestName, Option<long?> Option)> _jobOptions = [];

    // Switches (saveBodies, respectRobots) are flags: --save-bodies sends true, as the API wants a JSON boolean.
    private readonly List<(string RequestName, Option<bool> Option)> _jobSwitches = [];

    public FetchCommand(Func<FetchSettings, CancellationToken, Task<int>> run)
        : base("fetch", "Fetch a list of URLs as one job, with live progress, and write the results")
    {
        ArgumentNullException.ThrowIfNull(run);
        _format.AcceptOnlyFromAmong(OutputFormats.Names);
        _method.AcceptOnlyFromAmong(FetchMethods.Get, FetchMethods.Head);
        Arguments.Add(_input);
        foreach (var option in new Option[] { _endpoint, _embedded, _storage, _out, _format, _apiKey, _jobId, _method, _headers, _revalidate, _callbackUrl })
        {
            Options.Add(option);
        }

        foreach (var definition in JobOptionCatalog.All)
        {
            var name = "--" + Kebab(definition.RequestName);
            if (definition.IsSwitch)
            {
                var flag = new Option<bool>(name) { Description = $"Job option {definition.RequestName}" };
                _jobSwitches.Add((definition.RequestName, flag));
                Options.Add(flag);
                continue;
            }

            var option = ShortNames.TryGetValue(definition.RequestName, out var shortName)
                ? new Option<long?>(shortName, name)
                : new Option<long?>(name);
            option.Description = $"Job option {definition.RequestName}";
            _jobOptions.Add((definition.RequestName, option));
            Options.Add(option);
        }

        // With --embedded, --Key=value arguments configure the engine (as they configure serve).
        TreatUnmatchedTokensAsErrors = false;
        SetAction((result, cancellationToken) => run(Read(result), cancellationToken));
    }

    /// <summary>The settings of a parsed <c>fetch</c> command line; a <see cref="CliException"/> for what the parser cannot see.</summary>
    public FetchSettings Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var embedded = result.GetValue(_embedded);
        var hostArgs = result.UnmatchedTokens.ToArray();
        if (hostArgs.Length > 0 && (!embedded || hostArgs.Any(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=', StringComparison.Ordinal))))
        {
            throw new CliException(
                $"Unrecognized argument(s): {string.Join(' ', hostArgs)}. Configuration (--Key=value) applies only with --embedded.", ExitCodes.Usage);
        }

        var endpointText = result.GetValue(_endpoint) ?? LocalFetchHost.DefaultUrl;
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--endpoint must be an http or https URL (was '{endpointText}').", ExitCodes.Usage);
        }

        var jobOptions = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (requestName, option) in _jobOptions)
        {
            if (result.GetValue(option) is { } value)
            {
                jobOptions[requestName] = value;
            }
        }

        foreach (var (requestName, flag) in _jobSwitches)
        {
            if (result.GetResult(flag) is { Implicit: false })
            {
                jobOptions[requestName] = result.GetValue(flag);
            }
        }

        if (result.GetValue(_method) is { } method)
        {
            jobOptions["method"] = method;
        }

        if (result.GetValue(_revalidate) is { } revalidate)
        {
            jobOptions[JobRequestReader.RevalidateOption] = revalidate;
        }

        if (result.GetValue(_headers) is { Length: > 0 } headers)
        {
            jobOptions["headers"] = HeaderArguments.Read(headers);
        }

        if (result.GetValue(_callbackUrl) is { } callbackUrl)
        {
            jobOptions["callbackUrl"] = callbackUrl;
        }

        var output = result.GetValue(_out);
        return new FetchSettings(
            result.GetRequiredValue(_input),
            endpoint,
            embedded,
            result.GetValue(_storage),
            output,
            OutputFormats.Choose(result.GetValue(_format), output),
            result.GetValue(_apiKey) ?? NullIfEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable)),
            result.GetValue(_jobId),
            jobOptions,
            hostArgs);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>batchSize → batch-size.</summary>
    private static string Kebab(string camel)
    {
        var builder = new StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsUpper(c))
            {
                builder.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
