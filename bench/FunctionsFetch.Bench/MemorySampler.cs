namespace FunctionsFetch.Bench;

/// <summary>Samples this process's working set every 100 ms, for the peak during a run.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampling;

    private MemorySampler() => _sampling = SampleAsync(_stop.Token);

    public static MemorySampler Start() => new();

    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        return await _sampling;
    }

    public void Dispose() => _stop.Dispose();

    private static async Task<long> SampleAsync(CancellationToken cancellationToken)
    {
        var peak = Environment.WorkingSet;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, Environment.WorkingSet);
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, Environment.WorkingSet);
    }
}
