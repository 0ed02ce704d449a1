namespace FunctionsFetch.Jobs.Callbacks;

/// <summary>The delivery activity's input: one POST of a job's callback.</summary>
/// <param name="JobId">The job.</param>
/// <param name="DeliveryId">The same for every attempt of the job's callback, so a receiver can drop repeats.</param>
/// <param name="Number">This attempt, from 1.</param>
public sealed record CallbackAttempt(string JobId, string DeliveryId, int Number);
