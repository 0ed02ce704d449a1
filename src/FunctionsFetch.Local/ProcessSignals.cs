using System.Diagnostics;
using System.Globalization;

namespace FunctionsFetch.Local;

/// <summary>Stops a process as Ctrl+C, a container stop or a scale-in does, so it runs its shutdown code.</summary>
public static class ProcessSignals
{
    /// <summary>
    /// SIGTERM, then waits up to <paramref name="timeout"/> for the process to exit; kills it (and its children)
    /// when it has not, or at once on Windows, which has no SIGTERM.
    /// </summary>
    public static async Task TerminateAsync(Process process, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                if (signal is not null)
                {
                    await signal.WaitForExitAsync();
                }
            }

            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Still running: killed below.
            }
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
