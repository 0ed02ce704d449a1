using FunctionsFetch.Jobs.Callbacks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;

namespace FunctionsFetch.Local.Engine;

/// <summary>Tells the callback orchestration whether its job has ended; the body is the core's <see cref="JobEndProbe"/>.</summary>
public sealed class ProbeJobStatusActivity(DurableTaskClient client, IHostApplicationLifetime lifetime) : TaskActivity<string, JobEndState>
{
    public override Task<JobEndState> RunAsync(TaskActivityContext context, string input) =>
        JobEndProbe.ProbeAsync(client, input, lifetime.ApplicationStopping);
}
