using FunctionsFetch.Client;

namespace FunctionsFetch.Local.Cli;

/// <summary>What the CLI tells the user when the API cannot be reached or refuses a call: one line, and the exit code it ends with.</summary>
internal static class ApiFailures
{
    /// <summary>Runs <paramref name="call"/>, telling a server that cannot be reached or refuses it (<paramref name="what"/> it could not do) in one line.</summary>
    public static async Task<T> CallAsync<T>(Uri endpoint, string what, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (HttpRequestException exception)
        {
            throw NoAnswer(endpoint, exception);
        }
        catch (FetchApiException exception)
        {
            throw Refused(exception, what);
        }
    }

    public static CliException NoAnswer(Uri endpoint, HttpRequestException exception) =>
        new($"No answer from {endpoint}: {exception.Message} Is the host running (dotnet run --project src/FunctionsFetch.Local), or use --embedded.", ExitCodes.JobFailed);

    /// <summary>The problem's detail when the server sent one. Client errors (a bad request, a missing key, an unknown job) are usage errors.</summary>
    public static CliException Refused(FetchApiException exception, string what)
    {
        var code = (int)exception.StatusCode;
        var exitCode = code is >= 400 and < 500 ? ExitCodes.Usage : ExitCodes.JobFailed;
        return new CliException($"Could not {what}: {code} {exception.Detail ?? exception.Title ?? exception.Body}".TrimEnd(), exitCode);
    }
}
