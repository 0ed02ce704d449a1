using FunctionsFetch.Fetching;

namespace FunctionsFetch.Results;

/// <summary>One job's bodies, stored in the result store under the job that fetched them.</summary>
public sealed class JobBodySink(IResultStore store, string jobId) : IBodySink
{
    public Task<string> SaveAsync(int index, Stream body, string? contentType, CancellationToken cancellationToken) =>
        store.WriteBodyAsync(jobId, index, body, contentType, cancellationToken);
}
