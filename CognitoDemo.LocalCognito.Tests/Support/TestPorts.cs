using System.Net;
using System.Net.Sockets;

namespace CognitoDemo.LocalCognito.Tests.Support;

/// <summary>
/// Loopback ports for servers the tests start (Local Cognito, the web app, Redis, moto).
/// <para>
/// Asking the OS for port 0 and releasing it races: the port comes from the ephemeral range
/// (<c>/proc/sys/net/ipv4/ip_local_port_range</c>, 32768–60999 on Linux), the same range every outgoing
/// connection of the test run (HttpClient, Chromium, Node) takes its local port from, so between the release and
/// the server's bind another socket can hold it. Ports here come from below that range instead, handed out once
/// each in this process (a counter, never the same port twice) and only after a bind shows them free, so only an
/// unrelated server listening on the very port could take one, and that one is skipped.
/// </para>
/// </summary>
public static class TestPorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    // Each test process starts at its own place in the block, so two runs at once rarely meet either.
    private static int _next = First + Environment.ProcessId * 97 % (Last - First);

    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var candidate = First + (Interlocked.Increment(ref _next) - First) % (Last - First);
            if (IsFree(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Without SO_REUSEADDR, as Kestrel binds: a port a finished server left in TIME_WAIT (an earlier test
            // process used the same block) is then refused here too, instead of failing the server's bind later.
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
