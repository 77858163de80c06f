using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.Protocol;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Cognito.IdentityPools;

/// <summary>
/// Cognito Identity (<c>AWSCognitoIdentityService.*</c>, AWS JSON 1.1): the three public operations that
/// turn a user pool ID token into temporary AWS credentials. Unsigned on AWS.
/// </summary>
public sealed class IdentityPoolClient
{
    private readonly AwsJsonTransport _transport;
    private readonly CognitoOptions _options;

    public IdentityPoolClient(HttpClient http, IOptions<CognitoOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _transport = new AwsJsonTransport(http, CognitoEndpoints.IdentityPools(_options), IdentityPoolOperations.TargetPrefix);
    }

    public Uri Endpoint => _transport.Endpoint;

    /// <summary>The <c>Logins</c> map for a user pool ID token, keyed by the configured pool.</summary>
    public IReadOnlyDictionary<string, string> LoginsFor(string idToken)
    {
        var region = _options.EffectiveRegion ?? throw new InvalidOperationException("Cognito:Region is not configured.");
        var pool = _options.UserPoolId ?? throw new InvalidOperationException("Cognito:UserPoolId is not configured.");
        return new Dictionary<string, string> { [IdentityProviderNames.UserPool(region, pool)] = idToken };
    }

    public Task<GetIdResponse> GetIdAsync(GetIdRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = request.IdentityPoolId ?? _options.IdentityPoolId
            ?? throw new InvalidOperationException("Cognito:IdentityPoolId is not configured.");
        return _transport.SendAsync(IdentityPoolOperations.GetId, request with { IdentityPoolId = pool },
            IdentityPoolJsonContext.Default.GetIdRequest, IdentityPoolJsonContext.Default.GetIdResponse, cancellationToken);
    }

    public Task<GetCredentialsForIdentityResponse> GetCredentialsForIdentityAsync(GetCredentialsForIdentityRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(IdentityPoolOperations.GetCredentialsForIdentity, request,
            IdentityPoolJsonContext.Default.GetCredentialsForIdentityRequest,
            IdentityPoolJsonContext.Default.GetCredentialsForIdentityResponse, cancellationToken);

    public Task<GetOpenIdTokenResponse> GetOpenIdTokenAsync(GetOpenIdTokenRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(IdentityPoolOperations.GetOpenIdToken, request,
            IdentityPoolJsonContext.Default.GetOpenIdTokenRequest,
            IdentityPoolJsonContext.Default.GetOpenIdTokenResponse, cancellationToken);
}
