using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FunctionsFetch.IntegrationTests.Infrastructure;

/// <summary>Bytes written straight to a loopback socket, for requests no HTTP client would send.</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and reads until the server closes or <paramref name="timeout"/> passes.</summary>
    /// <param name="port">The loopback port.</param>
    /// <param name="request">The request's bytes, exactly as sent.</param>
    /// <param name="closeAfterSending">Shut down the sending side afterwards, as a client that gives up mid-body does.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <returns>The status code (null when the server closed without one), and everything received.</returns>
    public static async Task<(int? Status, string Response)> SendAsync(int port, string request, bool closeAfterSending, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        if (closeAfterSending)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        using var stop = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException)
        {
            // The server kept the connection open, or reset it: what arrived so far is the answer.
        }

        var response = Encoding.UTF8.GetString(received.ToArray());
        var statusLine = response.Split("\r\n", 2)[0].Split(' ');
        return (statusLine.Length > 1 && int.TryParse(statusLine[1], out var status) ? status : null, response);
    }
}
