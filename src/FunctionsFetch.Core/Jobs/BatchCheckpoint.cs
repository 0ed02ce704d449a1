using FunctionsFetch.Fetching;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// One delivery of a batch's run saving its finished results as it goes: a checkpoint each time
/// <see cref="CheckpointPolicy.Results"/> are new, and at least every <see cref="CheckpointPolicy.Interval"/> while
/// some are, but never sooner than <see cref="CheckpointPolicy.MinSpacing"/> after the last. A delivery after a crash
/// starts from what earlier deliveries saved (<see cref="Saved"/>) and fetches only the rest. Checkpoints only save
/// work: a write that fails is retried with the next one, and the batch's result file, written when it ends, holds
/// every result either way.
/// </summary>
public sealed partial class BatchCheckpoint : IAsyncDisposable
{
    private readonly JobStore _store;
    private readonly FetchBatch _batch;
    private readonly CheckpointPolicy _policy;
    private readonly ILogger _logger;
    private readonly string _delivery = Guid.NewGuid().ToString("N")[..12];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _due = new(0);
    private readonly CancellationTokenSource _stop = new();
    private List<UrlResult> _pending = [];
    private bool _signaled;
    private int _sequence;
    private Task _writer = Task.CompletedTask;

    private BatchCheckpoint(JobStore store, FetchBatch batch, CheckpointPolicy policy, IReadOnlyDictionary<int, UrlResult> saved, ILogger logger)
    {
        _store = store;
        _batch = batch;
        _policy = policy;
        _logger = logger;
        Saved = saved;
    }

    /// <summary>The results earlier deliveries of this run saved, one per index.</summary>
    public IReadOnlyDictionary<int, UrlResult> Saved { get; }

    /// <summary>Checkpoints this delivery has written.</summary>
    public int Written => Volatile.Read(ref _sequence);

    /// <summary>Reads what earlier deliveries saved and starts saving this one's results.</summary>
    public static async Task<BatchCheckpoint> OpenAsync(
        JobStore store, FetchBatch batch, CheckpointPolicy policy, StorageOutageRetry storage, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(storage);
        var earlier = await storage.ExecuteAsync(ct => store.ReadCheckpointsAsync(batch.JobId, batch.Number, batch.Round, ct), cancellationToken);

        // Two deliveries that ran at once may both have saved an index; either result is that URL's.
        var saved = new Dictionary<int, UrlResult>();
        foreach (var result in earlier)
        {
            saved.TryAdd(result.Index, result);
        }

        var checkpoint = new BatchCheckpoint(store, batch, policy, saved, logger);
        checkpoint._writer = checkpoint.WriteLoopAsync();
        return checkpoint;
    }

    /// <summary>Takes a finished result (never one handed back: those are fetched again).</summary>
    public void Add(UrlResult result)
    {
        bool signal;
        lock (_gate)
        {
            _pending.Add(result);
            signal = !_signaled && _pending.Count >= _policy.Results;
            _signaled |= signal;
        }

        if (signal)
        {
            _due.Release();
        }
    }

    /// <summary>Stops saving; what is not saved yet goes in the batch's result file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _writer;
        _stop.Dispose();
        _due.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var wait = _policy.Interval > TimeSpan.Zero ? _policy.Interval : Timeout.InfiniteTimeSpan;
        try
        {
            while (true)
            {
                await _due.WaitAsync(wait, _stop.Token);
                if (await WriteAsync() && _policy.MinSpacing > TimeSpan.Zero)
                {
                    // Results keep gathering meanwhile; a count that came due is written once the spacing has passed.
                    await Task.Delay(_policy.MinSpacing, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The batch has ended: its result file takes over.
        }
    }

    /// <summary>Writes what is pending; false when nothing was.</summary>
    private async Task<bool> WriteAsync()
    {
        List<UrlResult> results;
        lock (_gate)
        {
            (results, _pending) = (_pending, []);
            _signaled = false;
        }

        if (results.Count == 0)
        {
            return false;
        }

        try
        {
            await _store.WriteCheckpointAsync(_batch.JobId, _batch.Number, _batch.Round, _delivery, _sequence, results, _stop.Token);
            Interlocked.Increment(ref _sequence);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // Kept for the next checkpoint; the batch's result file holds them in any case.
            LogCheckpointFailed(_logger, exception, _batch.JobId, _batch.Number, results.Count, StorageErrors.Summary(exception));
            lock (_gate)
            {
                results.AddRange(_pending);
                _pending = results;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} batch {BatchNumber}: a checkpoint of {Count} results failed ({Reason}); they go in the next one")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string jobId, int batchNumber, int count, string reason);
}
