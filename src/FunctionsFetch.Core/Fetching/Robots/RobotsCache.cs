using System.Net;
using System.Text;
using FunctionsFetch.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace FunctionsFetch.Fetching.Robots;

/// <summary>
/// Each host's robots.txt, fetched once per process and kept for <c>Fetch:RobotsCacheMinutes</c> (an unreachable
/// one for <c>Fetch:RobotsUnavailableMinutes</c>). Callers asking for one host at once share one fetch.
/// </summary>
public sealed partial class RobotsCache
{
    /// <summary>RFC 9309 2.3.1.2 asks crawlers to follow at least five.</summary>
    public const int MaxRedirects = 5;

    /// <summary>One short attempt: a slow robots.txt must not hold up every URL of its host for long.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    // Past this many hosts, expired entries are dropped on the next miss.
    private const int PruneAbove = 10_000;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILogger<RobotsCache> _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _unavailableTtl;
    private readonly Dictionary<string, Task<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public RobotsCache(IHttpClientFactory httpClientFactory, IOptions<FetchOptions> options, ILogger<RobotsCache> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _ttl = TimeSpan.FromMinutes(options.Value.RobotsCacheMinutes);
        _unavailableTtl = TimeSpan.FromMinutes(options.Value.RobotsUnavailableMinutes);
    }

    /// <summary>The rules of <paramref name="target"/>'s host, fetched when not known or expired.</summary>
    public async Task<RobotsRules> GetAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        // RFC 9309 2.3: robots.txt applies to its scheme, host and port, the same authority politeness counts.
        var key = HostAuthority.Of(target);
        Task<Entry> entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!) || IsExpired(entry))
            {
                Prune();

                // Not tied to this caller's token: others wait for the same fetch.
                entry = Task.Run(() => FetchAsync(key, RobotsTxtUrl(target)), CancellationToken.None);
                _entries[key] = entry;
            }
        }

        return (await entry.WaitAsync(cancellationToken)).Rules;
    }

    /// <summary>Without the target's user info: credentials are never sent.</summary>
    private static Uri RobotsTxtUrl(Uri target) => new(target.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/robots.txt");

    private bool IsExpired(Task<Entry> entry) =>
        entry.IsCompleted && (!entry.IsCompletedSuccessfully || _time.GetTimestamp() >= entry.Result.ExpiresAt);

    private void Prune()
    {
        if (_entries.Count > PruneAbove)
        {
            foreach (var (key, entry) in _entries.Where(e => IsExpired(e.Value)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private async Task<Entry> FetchAsync(string authority, Uri location)
    {
        var client = _httpClientFactory.CreateClient(FetchHttpClient.Name);
        using var timeout = new CancellationTokenSource(FetchTimeout, _time);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var response = await SendAsync(client, location, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } next)
                {
                    // Past the redirects we follow, robots.txt counts as unavailable (RFC 9309 2.3.1.2): all allowed.
                    if (redirects == MaxRedirects || !HttpUrl.TryResolve(location, next, out var resolved))
                    {
                        return Keep(RobotsRules.AllowAll);
                    }

                    location = resolved;
                    continue;
                }

                return status switch
                {
                    >= 500 => Unreachable($"answered {status}"),

                    // 2.3.1.3: a 4xx (404 included) means there are no rules.
                    >= 400 => Keep(RobotsRules.AllowAll),
                    >= 200 and < 300 => Keep(RobotsTxtParser.Parse(await ReadAsync(response, timeout.Token), FetchUserAgent.Product)),
                    _ => Keep(RobotsRules.AllowAll),
                };
            }
        }
        catch (Exception exception) when (FetchErrorClassifier.IsBlocked(exception))
        {
            // The guard refuses the host itself; its URLs then fail as blocked, which says more than robots would.
            return Keep(RobotsRules.AllowAll);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var error = FetchErrorClassifier.Classify(exception, callerCanceled: false);
            return Unreachable($"could not be read ({error.Kind.ToString().ToLowerInvariant()}: {error.Message})");
        }

        Entry Keep(RobotsRules rules) => new(rules, ExpiresIn(_ttl));

        // 2.3.1.4: unreachable means complete disallow, for a while.
        Entry Unreachable(string reason)
        {
            LogUnreachable(authority, reason, _unavailableTtl.TotalMinutes);
            return new(RobotsRules.DisallowAll(reason), ExpiresIn(_unavailableTtl));
        }
    }

    private long ExpiresIn(TimeSpan ttl) => _time.GetTimestamp() + (long)(ttl.TotalSeconds * _time.TimestampFrequency);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri location, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            // One attempt: an unreachable robots.txt is retried after RobotsUnavailableMinutes, not now.
            context.Properties.Set(FetchResilienceKeys.MaxAttempts, 1);
            context.Properties.Set(FetchResilienceKeys.AttemptTimeout, FetchTimeout);
            context.Properties.Set(FetchResilienceKeys.OutsidePoliteness, true);
            request.SetResilienceContext(context);
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>At most one byte past the parse limit, so the parser can tell the last line was cut.</summary>
    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[RobotsTxtParser.MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "robots.txt of {Authority} {Reason}: its URLs are disallowed for {Minutes} min")]
    private partial void LogUnreachable(string authority, string reason, double minutes);

    private sealed record Entry(RobotsRules Rules, long ExpiresAt);
}
