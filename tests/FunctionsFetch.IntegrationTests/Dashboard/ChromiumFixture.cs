using FunctionsFetch.IntegrationTests.Infrastructure;

namespace FunctionsFetch.IntegrationTests.Dashboard;

/// <summary>One headless Chromium for a test class; each test opens its own context.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private Chromium? _chromium;

    public Chromium Chromium => _chromium ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}
