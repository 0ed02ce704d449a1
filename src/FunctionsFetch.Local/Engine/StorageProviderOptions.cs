namespace FunctionsFetch.Local.Engine;

/// <summary><c>extensions:durableTask:storageProvider</c>: the Azure Storage provider's settings.</summary>
public sealed class StorageProviderOptions
{
    /// <summary>Control-queue partitions: how many processes can share orchestrations.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest idle queue poll; the provider's 30 s default delays work started elsewhere.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int ControlQueueBatchSize { get; set; } = 32;

    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activity message stays hidden; renewed while the activity runs.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
