using FunctionsFetch.Diagnostics;
using FunctionsFetch.Storage;
using Microsoft.DurableTask.Client;

namespace FunctionsFetch.Local.InstanceApi;

/// <summary>Registers the local host's replica of the Durable Functions instance API.</summary>
public static class DurableInstanceApiRegistration
{
    /// <summary>Adds the instance API over the engine's client; history comes from Azure Storage, and in memory showHistory answers 501.</summary>
    public static IServiceCollection AddDurableInstanceApi(this IServiceCollection services, bool inMemory)
    {
        services.AddSingleton(provider => new DurableWebhooksApi(
            provider.GetRequiredService<DurableTaskClient>(),
            provider.GetRequiredService<JobStore>(),
            inMemory ? null : ActivatorUtilities.CreateInstance<StorageHistorySource>(provider),
            provider.GetService<FetchMetrics>()));
        return services;
    }
}
