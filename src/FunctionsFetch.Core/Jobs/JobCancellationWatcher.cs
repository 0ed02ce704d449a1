using System.Collections.Concurrent;
using FunctionsFetch.Storage;
using Microsoft.Extensions.Logging;

namespace FunctionsFetch.Jobs;

/// <summary>
/// Cancels the batches a process runs for a job once the job is canceled (its mark in the job store) or has
/// ended (its orchestration status), so fetching stops within about <see cref="PollInterval"/> on every
/// instance. One poll loop per job per process, shared by all its batches there, so the cost does not grow
/// with the batches in flight.
/// </summary>
public sealed partial class JobCancellationWatcher(JobStore store, ILogger<JobCancellationWatcher> logger)
{
    /// <summary>How often a watched job's mark and status are read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, JobWatch> _watches = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Starts watching <paramref name="jobId"/> (or joins the watch already running) and checks it once before
    /// returning, so a batch of a job that has already ended can tell at once.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="probe">Reads the job's orchestration status; null watches the mark only.</param>
    /// <param name="cancellationToken">Aborts the first check.</param>
    public async Task<JobWatchLease> WatchAsync(string jobId, IJobStateProbe? probe, CancellationToken cancellationToken)
    {
        JobWatch watch;
        lock (_gate)
        {
            watch = _watches.GetOrAdd(jobId, id => new JobWatch(id));
            watch.Leases++;
            watch.AddProbe(probe);
        }

        var lease = new JobWatchLease(() => Release(watch, probe), watch.Canceled.Token);
        try
        {
            await watch.FirstCheck.GetOrStart(() => CheckAsync(watch, cancellationToken));
            watch.StartPolling(PollAsync);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private void Release(JobWatch watch, IJobStateProbe? probe)
    {
        lock (_gate)
        {
            watch.RemoveProbe(probe);
            if (--watch.Leases > 0)
            {
                return;
            }

            _watches.TryRemove(new KeyValuePair<string, JobWatch>(watch.JobId, watch));
        }

        watch.Stop();
    }

    private async Task PollAsync(JobWatch watch)
    {
        while (!watch.Stopping.IsCancellationRequested && !watch.Canceled.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, watch.Stopping);
                await CheckAsync(watch, watch.Stopping);
            }
            catch (OperationCanceledException) when (watch.Stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Storage may be briefly away; the batch keeps fetching and the next poll tries again.
                LogCheckFailed(exception, watch.JobId);
            }
        }
    }

    private async Task CheckAsync(JobWatch watch, CancellationToken cancellationToken)
    {
        if (await store.IsCancelMarkedAsync(watch.JobId, cancellationToken) ||
            (watch.Probe() is { } probe && await probe.HasEndedAsync(watch.JobId, cancellationToken)))
        {
            LogJobEnded(watch.JobId);
            await watch.Canceled.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was canceled or has ended; its batches here stop fetching")]
    private partial void LogJobEnded(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking whether job {JobId} was canceled failed; trying again")]
    private partial void LogCheckFailed(Exception exception, string jobId);

    private sealed class JobWatch(string jobId) : IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        // Each lease's probe, newest last: a host may hand each batch its own client, valid while that batch runs.
        private readonly List<IJobStateProbe> _probes = [];
        private Task? _polling;

        public string JobId { get; } = jobId;

        public int Leases { get; set; }

        public CancellationTokenSource Canceled { get; } = new();

        public CancellationToken Stopping => _stopping.Token;

        public OnceTask FirstCheck { get; } = new();

        public IJobStateProbe? Probe()
        {
            lock (_probes)
            {
                return _probes.Count == 0 ? null : _probes[^1];
            }
        }

        public void AddProbe(IJobStateProbe? probe)
        {
            if (probe is not null)
            {
                lock (_probes)
                {
                    _probes.Add(probe);
                }
            }
        }

        public void RemoveProbe(IJobStateProbe? probe)
        {
            if (probe is not null)
            {
                lock (_probes)
                {
                    _probes.Remove(probe);
                }
            }
        }

        public void StartPolling(Func<JobWatch, Task> poll)
        {
            lock (_stopping)
            {
                _polling ??= Task.Run(() => poll(this));
            }
        }

        /// <summary>Ends the poll loop; its tokens are disposed once it has returned (no lease holds them any more).</summary>
        public void Stop()
        {
            _stopping.Cancel();
            Task polling;
            lock (_stopping)
            {
                polling = _polling ?? Task.CompletedTask;
            }

            polling.ContinueWith(_ => Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        public void Dispose()
        {
            _stopping.Dispose();
            Canceled.Dispose();
        }
    }

    /// <summary>A task started by the first caller and awaited by all; a failed first try lets the next caller start again.</summary>
    private sealed class OnceTask
    {
        private readonly Lock _gate = new();
        private Task? _task;

        public Task GetOrStart(Func<Task> start)
        {
            lock (_gate)
            {
                if (_task is null || _task.IsFaulted || _task.IsCanceled)
                {
                    _task = start();
                }

                return _task;
            }
        }
    }
}
