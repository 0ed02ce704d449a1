namespace FunctionsFetch.Jobs;

/// <summary>Ends a job Failed once more of its URLs failed than it tolerates.</summary>
public sealed class FailureThresholdExceededException : Exception
{
    public FailureThresholdExceededException()
    {
    }

    public FailureThresholdExceededException(string message)
        : base(message)
    {
    }

    public FailureThresholdExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
