namespace FunctionsFetch.Client;

/// <summary>
/// The 202 answer to a start or a retry-failed: the Durable Functions check-status payload, the job's id with
/// the Durable instance API's URLs for it. Kept as strings, as sent: some hold templates (<c>{eventName}</c>, <c>{text}</c>).
/// </summary>
public sealed record CheckStatus(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string RewindPostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri,
    string SuspendPostUri,
    string ResumePostUri);
