namespace FunctionsFetch.Client;

/// <summary>How a job's completion callback went so far (<c>callback</c> in its status), for a job started with <c>callbackUrl</c>.</summary>
/// <param name="Delivered">An attempt was answered 2xx.</param>
/// <param name="StatusCode">The last attempt's status code; null before the first, or when it got no answer.</param>
/// <param name="Attempts">POSTs made so far.</param>
public sealed record CallbackOutcome(bool Delivered, int? StatusCode, int Attempts);
