namespace FunctionsFetch.Fetching;

/// <summary>Where a job's saved bodies go; the fetcher hands over each body as a stream while it reads it.</summary>
public interface IBodySink
{
    /// <summary>
    /// Stores (or overwrites) the body of the result at <paramref name="index"/>, reading
    /// <paramref name="body"/> to its end; an exception from <paramref name="body"/> must leave nothing
    /// stored under the name. Returns the stored body's name.
    /// </summary>
    Task<string> SaveAsync(int index, Stream body, string? contentType, CancellationToken cancellationToken);
}
