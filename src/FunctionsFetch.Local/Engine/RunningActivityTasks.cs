using System.Collections.Concurrent;
using System.Globalization;
using DurableTask.Core;

namespace FunctionsFetch.Local.Engine;

/// <summary>
/// Fixes: the sidecar keys running activities by instance and task id and never finishes a second delivery of a task
/// still running here (an orchestration replayed after storage failed mid-checkpoint schedules it again). This
/// remembers which work item runs each task, so the wrapper can put a second delivery back in the queue.
/// </summary>
internal sealed class RunningActivityTasks
{
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.Ordinal);

    /// <summary>Records the work item as running its task; false when another delivery of the task runs here.</summary>
    public bool TryStart(TaskActivityWorkItem workItem) => _running.TryAdd(KeyOf(workItem), workItem.Id);

    /// <summary>The sidecar has its result (or gave up on it): another delivery of the same task may run now.</summary>
    public void Stop(TaskActivityWorkItem? workItem)
    {
        if (workItem is not null)
        {
            _running.TryRemove(KeyValuePair.Create(KeyOf(workItem), workItem.Id));
        }
    }

    /// <summary>How the sidecar tells running activities apart.</summary>
    public static string KeyOf(TaskActivityWorkItem workItem) =>
        string.Create(CultureInfo.InvariantCulture, $"{workItem.TaskMessage.OrchestrationInstance.InstanceId}_{workItem.TaskMessage.Event.EventId}");
}
