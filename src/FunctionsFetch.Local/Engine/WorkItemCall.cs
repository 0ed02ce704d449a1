namespace FunctionsFetch.Local.Engine;

/// <summary>The storage calls on a work item that are retried, as logged.</summary>
internal enum WorkItemCall
{
    Renew,
    Complete,
    Abandon,
    AbandonOrchestration,
}
