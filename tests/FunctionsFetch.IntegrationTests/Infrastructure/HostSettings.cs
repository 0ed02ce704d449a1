using System.Globalization;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>The configuration a test host runs with, as key/value pairs (command line or environment).</summary>
public sealed class HostSettings
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public HostSettings(string hubName, string? storage, int port)
    {
        Port = port;
        HubName = hubName;
        Set("urls", $"http://127.0.0.1:{port}");
        Set("extensions:durableTask:hubName", hubName);
        Set("Local:WorkerId", $"test-{port}");
        Set("Local:StartAzurite", "false");
        if (storage is null)
        {
            Set("Local:InMemory", "true");
        }
        else
        {
            Set("AzureWebJobsStorage", storage);
        }

        // Short visibility timeouts so a killed host's in-flight work comes back within seconds.
        Set("extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout", "00:00:10");
        Set("extensions:durableTask:storageProvider:controlQueueVisibilityTimeout", "00:00:10");
        Set("Local:LeaseInterval", "00:00:10");
        Set("Local:LeaseRenewInterval", "00:00:03");
        Set("Local:LeaseAcquireInterval", "00:00:03");
        Set("Fetch:RetryBaseDelayMilliseconds", "50");

        // The targets are loopback servers on one host name.
        Set("Fetch:AllowPrivateNetworks", "true");
        Set("Fetch:MaxConcurrencyPerHost", "1000");
        Set("Fetch:Defaults:MaxPerHost", "1000");
    }

    public int Port { get; }

    public string HubName { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public HostSettings Set(string key, string value)
    {
        _values[key] = value;
        return this;
    }

    public HostSettings Set(string key, int value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    public HostSettings WithWorkerId(string workerId) => Set("Local:WorkerId", workerId);

    public string[] ToArgs() => _values.Select(p => $"--{p.Key}={p.Value}").ToArray();

    public IEnumerable<KeyValuePair<string, string>> ToEnvironment() =>
        _values.Select(p => KeyValuePair.Create(p.Key == "urls" ? "ASPNETCORE_URLS" : p.Key.Replace(":", "__", StringComparison.Ordinal), p.Value));
}
