namespace FunctionsFetch.Fetching;

/// <summary>
/// Storing a body failed for a reason of the store's, not the URL's: it escapes the fetch (no result records
/// it as the URL's failure) so the batch activity fails and its durable retry runs it again.
/// </summary>
public sealed class BodyStorageException : Exception
{
    public BodyStorageException()
    {
    }

    public BodyStorageException(string message)
        : base(message)
    {
    }

    public BodyStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
