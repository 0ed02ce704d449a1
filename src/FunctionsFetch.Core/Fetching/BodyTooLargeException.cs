namespace FunctionsFetch.Fetching;

/// <summary>A body passed <c>maxBodyBytes</c> while being read; thrown out of an upload to abort it uncommitted.</summary>
public sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException()
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BodyTooLargeException(long maxBytes)
        : base($"The body exceeds maxBodyBytes {maxBytes}.")
    {
    }
}
