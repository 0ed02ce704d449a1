using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Local.Engine;

/// <summary>Builds the storage provider the sidecar runs on: Azure Storage (Azurite locally) or memory.</summary>
public static class OrchestrationServiceFactory
{
    public static (IOrchestrationService Service, IOrchestrationServiceClient Client) Create(
        DurableEngineOptions engine,
        LocalEngineOptions local,
        string? storageConnectionString,
        string workerId,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(local);
        if (local.InMemory)
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            return (memory, memory);
        }

        if (string.IsNullOrWhiteSpace(storageConnectionString))
        {
            throw new InvalidOperationException("AzureWebJobsStorage is not set; set it to a storage connection string, or run with --in-memory.");
        }

        var storage = engine.StorageProvider;
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = engine.HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            WorkerId = workerId,
            PartitionCount = storage.PartitionCount,
            MaxQueuePollingInterval = storage.MaxQueuePollingInterval,
            ControlQueueBatchSize = storage.ControlQueueBatchSize,
            ControlQueueVisibilityTimeout = storage.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = storage.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = engine.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = engine.MaxConcurrentOrchestratorFunctions,
            ExtendedSessionsEnabled = false,
            DisableExecutionStartedDeduplication = !local.DeduplicateStarts,
            LeaseInterval = local.LeaseInterval,
            LeaseRenewInterval = local.LeaseRenewInterval,
            LeaseAcquireInterval = local.LeaseAcquireInterval,
            LoggerFactory = loggerFactory,
        };
        var service = new AzureStorageOrchestrationService(settings);
        return (service, service);
    }
}
