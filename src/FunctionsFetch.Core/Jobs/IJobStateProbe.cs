namespace FunctionsFetch.Jobs;

/// <summary>Tells a running batch whether its job has ended, however it ended (also a terminate through the Durable API).</summary>
public interface IJobStateProbe
{
    Task<bool> HasEndedAsync(string jobId, CancellationToken cancellationToken);
}
