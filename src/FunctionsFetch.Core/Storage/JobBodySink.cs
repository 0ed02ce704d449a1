using FunctionsFetch.Fetching;

namespace FunctionsFetch.Storage;

/// <summary>One job's bodies, stored in the result store under the job that fetched them.</summary>
public sealed class JobBodySink(JobStore store, string jobId) : IBodySink
{
    public Task<string> SaveAsync(int index, Stream body, string? contentType, CancellationToken cancellationToken) =>
        store.WriteBodyAsync(jobId, index, body, contentType, cancellationToken);
}
