using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.Protocol;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Cognito.UserPools;

/// <summary>
/// The Cognito user pools API (<c>AWSCognitoIdentityProviderService.*</c>, AWS JSON 1.1) for the
/// operations an app client calls. These operations are unsigned on AWS. A request whose
/// <c>ClientId</c> is null is sent for the configured app client, and its <c>SecretHash</c> is
/// computed when that client has a secret.
/// </summary>
public sealed class UserPoolClient
{
    private readonly AwsJsonTransport _transport;
    private readonly CognitoOptions _options;

    public UserPoolClient(HttpClient http, IOptions<CognitoOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _transport = new AwsJsonTransport(http, CognitoEndpoints.UserPools(_options), UserPoolOperations.TargetPrefix);
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _transport.Endpoint;

    /// <summary>The configured app client id.</summary>
    public string ClientId => _options.ClientId
        ?? throw new InvalidOperationException("Cognito:ClientId is not configured.");

    /// <summary>SECRET_HASH for a user name when the configured client has a secret, else null.</summary>
    public string? SecretHashFor(string username) =>
        _options.HasClientSecret ? SecretHash.Compute(username, ClientId, _options.ClientSecret!) : null;

    public Task<SignUpResponse> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (clientId, secretHash) = Identify(request.ClientId, request.SecretHash, request.Username);
        return _transport.SendAsync(UserPoolOperations.SignUp,
            request with { ClientId = clientId, SecretHash = secretHash },
            UserPoolJsonContext.Default.SignUpRequest, UserPoolJsonContext.Default.SignUpResponse, cancellationToken);
    }

    public Task<ConfirmSignUpResponse> ConfirmSignUpAsync(ConfirmSignUpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (clientId, secretHash) = Identify(request.ClientId, request.SecretHash, request.Username);
        return _transport.SendAsync(UserPoolOperations.ConfirmSignUp,
            request with { ClientId = clientId, SecretHash = secretHash },
            UserPoolJsonContext.Default.ConfirmSignUpRequest, UserPoolJsonContext.Default.ConfirmSignUpResponse, cancellationToken);
    }

    public Task<ResendConfirmationCodeResponse> ResendConfirmationCodeAsync(ResendConfirmationCodeRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (clientId, secretHash) = Identify(request.ClientId, request.SecretHash, request.Username);
        return _transport.SendAsync(UserPoolOperations.ResendConfirmationCode,
            request with { ClientId = clientId, SecretHash = secretHash },
            UserPoolJsonContext.Default.ResendConfirmationCodeRequest,
            UserPoolJsonContext.Default.ResendConfirmationCodeResponse, cancellationToken);
    }

    /// <summary>InitiateAuth as given; SECRET_HASH in <c>AuthParameters</c> is the caller's (see <see cref="SrpAuthenticator"/>).</summary>
    public Task<InitiateAuthResponse> InitiateAuthAsync(InitiateAuthRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendAsync(UserPoolOperations.InitiateAuth,
            request with { ClientId = request.ClientId ?? ClientId },
            UserPoolJsonContext.Default.InitiateAuthRequest, UserPoolJsonContext.Default.InitiateAuthResponse, cancellationToken);
    }

    /// <summary>RespondToAuthChallenge as given; SECRET_HASH in <c>ChallengeResponses</c> is the caller's.</summary>
    public Task<RespondToAuthChallengeResponse> RespondToAuthChallengeAsync(RespondToAuthChallengeRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _transport.SendAsync(UserPoolOperations.RespondToAuthChallenge,
            request with { ClientId = request.ClientId ?? ClientId },
            UserPoolJsonContext.Default.RespondToAuthChallengeRequest,
            UserPoolJsonContext.Default.RespondToAuthChallengeResponse, cancellationToken);
    }

    public Task<GetUserResponse> GetUserAsync(GetUserRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(UserPoolOperations.GetUser, request,
            UserPoolJsonContext.Default.GetUserRequest, UserPoolJsonContext.Default.GetUserResponse, cancellationToken);

    public Task<UpdateUserAttributesResponse> UpdateUserAttributesAsync(UpdateUserAttributesRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(UserPoolOperations.UpdateUserAttributes, request,
            UserPoolJsonContext.Default.UpdateUserAttributesRequest,
            UserPoolJsonContext.Default.UpdateUserAttributesResponse, cancellationToken);

    public Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(UserPoolOperations.ChangePassword, request,
            UserPoolJsonContext.Default.ChangePasswordRequest, cancellationToken);

    public Task<ForgotPasswordResponse> ForgotPasswordAsync(ForgotPasswordRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (clientId, secretHash) = Identify(request.ClientId, request.SecretHash, request.Username);
        return _transport.SendAsync(UserPoolOperations.ForgotPassword,
            request with { ClientId = clientId, SecretHash = secretHash },
            UserPoolJsonContext.Default.ForgotPasswordRequest, UserPoolJsonContext.Default.ForgotPasswordResponse, cancellationToken);
    }

    public Task ConfirmForgotPasswordAsync(ConfirmForgotPasswordRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (clientId, secretHash) = Identify(request.ClientId, request.SecretHash, request.Username);
        return _transport.SendAsync(UserPoolOperations.ConfirmForgotPassword,
            request with { ClientId = clientId, SecretHash = secretHash },
            UserPoolJsonContext.Default.ConfirmForgotPasswordRequest, cancellationToken);
    }

    public Task GlobalSignOutAsync(GlobalSignOutRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(UserPoolOperations.GlobalSignOut, request,
            UserPoolJsonContext.Default.GlobalSignOutRequest, cancellationToken);

    /// <summary>Revokes a refresh token; the configured client id and secret are sent when the request has none.</summary>
    public Task RevokeTokenAsync(RevokeTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filled = request.ClientId is null
            ? request with { ClientId = ClientId, ClientSecret = request.ClientSecret ?? NullIfEmpty(_options.ClientSecret) }
            : request;
        return _transport.SendAsync(UserPoolOperations.RevokeToken, filled,
            UserPoolJsonContext.Default.RevokeTokenRequest, cancellationToken);
    }

    public Task DeleteUserAsync(DeleteUserRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(UserPoolOperations.DeleteUser, request,
            UserPoolJsonContext.Default.DeleteUserRequest, cancellationToken);

    /// <summary>
    /// ListUsers, an administrative operation AWS authorizes with IAM: the <see cref="HttpClient"/> this client
    /// was given must sign it (SigV4, service <c>cognito-idp</c>) with credentials whose policy allows
    /// <c>cognito-idp:ListUsers</c> on the pool, or Cognito answers <c>AccessDeniedException</c>.
    /// </summary>
    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(UserPoolOperations.ListUsers, request,
            UserPoolJsonContext.Default.ListUsersRequest, UserPoolJsonContext.Default.ListUsersResponse, cancellationToken);

    private (string ClientId, string? SecretHash) Identify(string? clientId, string? secretHash, string username)
    {
        if (clientId is not null)
        {
            return (clientId, secretHash);
        }

        return (ClientId, secretHash ?? SecretHashFor(username));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
