namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>The callback orchestration's input: whose callback it delivers and how often it may try. Never the URL: that is in the job store.</summary>
/// <param name="JobId">The job.</param>
/// <param name="MaxAttempts">POSTs at most (<c>Fetch:CallbackMaxAttempts</c> when the job started).</param>
/// <param name="DeliveryId">The delivery id every attempt sends; null until the first generation draws it, then carried over when it continues as new.</param>
public sealed record FetchCallbackInput(string JobId, int MaxAttempts, string? DeliveryId = null);
