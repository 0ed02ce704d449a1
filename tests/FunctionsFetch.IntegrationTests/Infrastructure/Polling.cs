using FunctionsFetch.Client;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>How the tests wait for a job: every 100 ms whatever Retry-After asks, so they do not sit through 2-second waits, and no longer than the test allows.</summary>
public static class Polling
{
    public static PollOptions Within(TimeSpan timeout) => new() { MaxDelay = TimeSpan.FromMilliseconds(100), Timeout = timeout };
}
