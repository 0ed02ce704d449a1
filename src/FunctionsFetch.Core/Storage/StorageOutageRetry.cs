using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FunctionsFetch.Storage;

/// <summary>
/// Waits out a storage outage for the storage calls a batch cannot do without (its input, its checkpoints, its
/// results), so that storage going away for a while costs time, not URLs: a batch activity that threw would be
/// retried only <c>BatchAttempts</c> times before its URLs got <c>batchFailed</c> results. The API does not wait:
/// it answers 503 with Retry-After at once.
/// </summary>
public sealed partial class StorageOutageRetry
{
    /// <summary>
    /// Calls tried again after the first, about <see cref="OutageTolerated"/> in all: each failing call itself takes
    /// the Azure SDK's own retries (about 25 s against a storage endpoint that refuses connections).
    /// </summary>
    public const int MaxRetries = 6;

    /// <summary>What the retries add up to, with the SDK's own retries inside each call; documented for operators.</summary>
    public static readonly TimeSpan OutageTolerated = TimeSpan.FromMinutes(3);

    private readonly ResiliencePipeline _pipeline;

    public StorageOutageRetry(ILogger<StorageOutageRetry> logger)
    {
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(StorageErrors.IsUnavailable),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
                OnRetry = args =>
                {
                    LogStorageUnavailable(logger, args.AttemptNumber + 1, MaxRetries, StorageErrors.Summary(args.Outcome.Exception!));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ValueTask ExecuteAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _pipeline.ExecuteAsync(async ct => await call(ct), cancellationToken);
    }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _pipeline.ExecuteAsync(async ct => await call(ct), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unavailable ({Reason}); trying again ({Attempt} of {MaxRetries})")]
    private static partial void LogStorageUnavailable(ILogger logger, int attempt, int maxRetries, string reason);
}
