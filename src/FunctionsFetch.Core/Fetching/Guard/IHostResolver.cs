using System.Net;

namespace FunctionsFetch.Fetching.Guard;

/// <summary>Turns a host name into addresses; the guard checks every one before connecting.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
