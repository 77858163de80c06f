using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>
/// Local Cognito's one public base URL (<see cref="LocalCognitoOptions.PublicUrl"/>): the issuer and every published
/// endpoint come from it, as Cognito's issuer <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c> is fixed.
/// Resolved on first use, after the server has bound its addresses, so a configured port 0 reads as the real port.
/// </summary>
internal sealed class PublicUrl(IOptions<LocalCognitoOptions> options, IServer server, IConfiguration configuration)
{
    private static readonly string[] EveryInterface = ["0.0.0.0", "[::]", "*", "+"];

    private readonly Lazy<string> _value = new(() => Resolve(options.Value, server, configuration));

    /// <summary>Scheme, host and port, without a trailing slash, e.g. <c>http://localhost:9229</c>.</summary>
    public string Value => _value.Value;

    /// <summary>The issuer of a pool's tokens.</summary>
    public string Issuer(string poolId) => $"{Value}/{poolId}";

    private static string Resolve(LocalCognitoOptions options, IServer server, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            return options.PublicUrl.TrimEnd('/');
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                        ?? NonEmpty(options.Url)
                        ?? NonEmpty(configuration[WebHostDefaults.ServerUrlsKey])?.Split(';')[0]
                        ?? LocalCognitoHost.DefaultUrl;
        // Kestrel reports a wildcard binding as "http://[::]:9229" and takes "*" or "+" as hosts, none of which a client can use.
        var scheme = listening.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme < 0 ? 0 : scheme + 3;
        foreach (var wildcard in EveryInterface)
        {
            if (string.CompareOrdinal(listening, hostStart, wildcard, 0, wildcard.Length) == 0)
            {
                listening = string.Concat(listening.AsSpan(0, hostStart), "localhost", listening.AsSpan(hostStart + wildcard.Length));
                break;
            }
        }

        return listening.TrimEnd('/');
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
