using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Tests.TestSupport;

/// <summary>The core's real registrations over in-memory configuration, as a host would build them.</summary>
public static class TestServices
{
    /// <param name="settings">Configuration over the test defaults.</param>
    /// <param name="logging">Logging providers and levels; none by default.</param>
    public static ServiceProvider Build(IDictionary<string, string?>? settings = null, Action<ILoggingBuilder>? logging = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Short retry delays keep the suite fast; tests that measure delays set their own.
                ["Fetch:RetryBaseDelayMilliseconds"] = "10",

                // The targets are loopback servers; the guard's own tests turn this back off.
                ["Fetch:AllowPrivateNetworks"] = "true",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging ?? (_ => { }));
        services.AddFetchServices();
        return services.BuildServiceProvider(validateScopes: true);
    }
}
