using FunctionsFetch.Api;
using FunctionsFetch.Configuration;
using FunctionsFetch.Fetching;
using FunctionsFetch.Fetching.Guard;
using FunctionsFetch.Fetching.Robots;
using FunctionsFetch.Jobs;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsFetch;

/// <summary>The one registration both hosts call: options validated on start, the fetch client, and the job API.</summary>
public static class FetchServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddFetchServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFetchServices();

        // A retried fetch is expected traffic, not a warning: the result records its attempts.
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        return builder;
    }

    public static IServiceCollection AddFetchServices(this IServiceCollection services)
    {
        services.AddOptions<FetchOptions>()
            .BindConfiguration(FetchOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>();
        services.AddSingleton<IValidateOptions<FetchOptions>, AllowedTargetsValidator>();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<OutboundGuard>();
        services.AddSingleton<HostBackoff>();
        services.AddSingleton<JobHostLimiters>();
        services.AddSingleton<RobotsCache>();
        services.AddSingleton<CrawlDelayGate>();
        services.AddSingleton<RobotsGate>();
        services.AddFetchHttpClient();
        // The job store lives in the task hub's storage account, unless a host registered other blobs first.
        services.TryAddSingleton<IBlobContainer>(provider =>
            new AzureBlobContainer(JobStoreBlobService.Create(provider.GetRequiredService<IConfiguration>()), JobStoreLayout.ContainerName));
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobResultsReader>();
        services.AddSingleton<LiveResultsReader>();
        services.AddSingleton<UrlFetcher>();
        services.AddSingleton<JobCancellationWatcher>();
        services.AddSingleton<StorageOutageRetry>();
        services.AddSingleton<BatchFetcher>();
        services.AddSingleton<JobRequestReader>();
        // Each host registers its own instance's slots first; this is host.json's default.
        services.TryAddSingleton(ActivitySlots.Default);
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<JobRevalidation>();
        services.AddSingleton<JobStarter>();
        services.AddSingleton<FailedUrlRetry>();
        services.AddSingleton<StartJobHandler>();
        services.AddSingleton<JobStatusHandler>();
        services.AddSingleton<JobBodyHandler>();
        services.AddSingleton<JobResultsPageHandler>();
        services.AddSingleton<CancelJobHandler>();
        services.AddSingleton<JobListHandler>();
        services.AddSingleton<JobSummaryHandler>();
        services.AddSingleton<JobRowsHandler>();
        services.AddSingleton<ConcurrencyHandler>();
        services.AddSingleton<RetryFailedHandler>();
        return services;
    }
}
