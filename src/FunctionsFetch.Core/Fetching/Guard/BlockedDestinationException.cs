namespace FunctionsFetch.Fetching.Guard;

/// <summary>Thrown where a connection would be made to an address the outbound guard refuses.</summary>
public sealed class BlockedDestinationException : IOException
{
    public BlockedDestinationException()
    {
    }

    public BlockedDestinationException(string message)
        : base(message)
    {
    }

    public BlockedDestinationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
