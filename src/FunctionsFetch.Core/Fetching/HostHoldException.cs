namespace FunctionsFetch.Fetching;

/// <summary>
/// A request not sent because its host asked (<c>Retry-After</c>) for a pause longer than a batch sits through:
/// the fetch is handed back to wait on a durable timer instead of holding an activity slot.
/// </summary>
public sealed class HostHoldException : Exception
{
    public HostHoldException()
    {
    }

    public HostHoldException(string message)
        : base(message)
    {
    }

    public HostHoldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HostHoldException(string host, TimeSpan wait)
        : base($"{host} asked for no requests for another {wait.TotalSeconds:0.#} s.")
    {
        Wait = wait;
    }

    /// <summary>How long the host's hold still runs.</summary>
    public TimeSpan Wait { get; }
}
