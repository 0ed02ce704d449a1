using FunctionsFetch.IntegrationTests.Infrastructure;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>One headless Chromium for a test class; each test opens its own context.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private Chromium? _chromium;

    public Chromium Chromium => _chromium ?? throw new InvalidOperationException("Chromium has not started.");

    /// <summary>A fresh tab on the dashboard of <paramref name="host"/> (nothing opened yet).</summary>
    public async Task<DashboardPage> OpenAsync(InProcessHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new DashboardPage(await Chromium.NewPageAsync(), host.Settings.BaseUri);
    }

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}
