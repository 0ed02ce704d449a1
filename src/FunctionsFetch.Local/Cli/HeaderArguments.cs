namespace FunctionsFetch.Local.Cli;

/// <summary>
/// Reads <c>-H/--header 'Name: value'</c> arguments, as curl spells them, into the job's <c>headers</c> option. The server
/// checks names and values; a problem here names the argument's position, never its text, which may hold a token.
/// </summary>
internal static class HeaderArguments
{
    public static Dictionary<string, string> Read(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var colon = arguments[i].IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? string.Empty : arguments[i][..colon].Trim();
            if (name.Length == 0)
            {
                throw new CliException($"--header #{i + 1} is not 'Name: value' (a header name, a colon, then its value).", ExitCodes.Usage);
            }

            if (!headers.TryAdd(name, arguments[i][(colon + 1)..].Trim()))
            {
                throw new CliException($"--header #{i + 1} sets '{name}' again; give each header once.", ExitCodes.Usage);
            }
        }

        return headers;
    }
}
