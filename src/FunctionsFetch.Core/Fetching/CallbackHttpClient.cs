using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFetch.Fetching;

/// <summary>
/// Registers the named client completion callbacks are posted through: guarded like the fetches (<see cref="GuardedHttpClient"/>), with
/// no redirect followed (a callback answered 3xx is not delivered) and one POST per call, no retry pipeline: the delivery orchestration
/// retries with durable timers, and each POST has its own timeout (<c>Fetch:CallbackTimeoutSeconds</c>).
/// </summary>
public static class CallbackHttpClient
{
    public const string Name = "FunctionsFetch.Callback";

    public static IHttpClientBuilder AddCallbackHttpClient(this IServiceCollection services) => services.AddGuardedHttpClient(Name);
}
