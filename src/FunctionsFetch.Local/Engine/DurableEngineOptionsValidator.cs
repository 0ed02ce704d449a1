using Microsoft.Extensions.Options;

namespace FunctionsFetch.Local.Engine;

/// <summary>Checks host.json's engine settings at startup; messages name the key.</summary>
public sealed class DurableEngineOptionsValidator : IValidateOptions<DurableEngineOptions>
{
    private const string Prefix = "host.json extensions.durableTask";

    public ValidateOptionsResult Validate(string? name, DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.HubName) || options.HubName.Length is < 3 or > 45 || !options.HubName.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(options.HubName[0]))
        {
            failures.Add($"{Prefix}.hubName must be 3-45 letters and digits, starting with a letter (was '{options.HubName}').");
        }

        if (options.MaxConcurrentActivityFunctions < 1)
        {
            failures.Add($"{Prefix}.maxConcurrentActivityFunctions must be at least 1 (was {options.MaxConcurrentActivityFunctions}).");
        }

        if (options.MaxConcurrentOrchestratorFunctions < 1)
        {
            failures.Add($"{Prefix}.maxConcurrentOrchestratorFunctions must be at least 1 (was {options.MaxConcurrentOrchestratorFunctions}).");
        }

        if (options.ExtendedSessionsEnabled)
        {
            failures.Add($"{Prefix}.extendedSessionsEnabled must be false: the local engine does not keep orchestration sessions.");
        }

        var storage = options.StorageProvider;
        if (storage.PartitionCount is < 1 or > 16)
        {
            failures.Add($"{Prefix}.storageProvider.partitionCount must be between 1 and 16 (was {storage.PartitionCount}).");
        }

        if (storage.ControlQueueBatchSize is < 1 or > 32)
        {
            failures.Add($"{Prefix}.storageProvider.controlQueueBatchSize must be between 1 and 32 (was {storage.ControlQueueBatchSize}).");
        }

        if (storage.MaxQueuePollingInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}.storageProvider.maxQueuePollingInterval must be positive.");
        }

        if (storage.WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(3) || storage.ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(3))
        {
            failures.Add($"{Prefix}.storageProvider visibility timeouts must be at least 00:00:03.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
