using System.Net;
using System.Net.Sockets;

namespace FunctionsFetch.Local;

/// <summary>
/// Loopback ports that were free a moment ago, for what must name its port before it listens: the embedded
/// host (its worker id comes from its port), and the tests' and benchmark's hosts, Azurite and IPv4+IPv6 servers.
/// The one place that asks the OS for one, so every caller gets the same (racy but short) guarantee.
/// </summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
