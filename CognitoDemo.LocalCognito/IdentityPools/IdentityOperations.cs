using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.IdentityPools;

/// <summary>
/// The public identity pools operations on the same <c>POST /</c> (<c>AWSCognitoIdentityService.*</c>): they turn a
/// user pool's ID token into an identity, temporary AWS credentials, or an OpenID token. Shapes follow botocore's
/// cognito-identity model.
/// </summary>
internal sealed class IdentityOperations(
    IdentityPoolStore store,
    LoginVerifier logins,
    CredentialIssuer issuer,
    SigningKeys keys,
    TimeProvider time) : IOperationGroup
{
    /// <summary>The OpenID tokens' signing key, kept with the pools' keys under a name no user pool can have.</summary>
    private const string OpenIdKeyOwner = "cognito-identity";

    private static readonly TimeSpan OpenIdTokenLifetime = TimeSpan.FromMinutes(10);
    private static readonly string[] UnauthenticatedAmr = ["unauthenticated"];

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public void Register(OperationTable table)
    {
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetId, GetIdAsync);
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetCredentialsForIdentity, GetCredentialsForIdentityAsync);
        table.Add(CognitoIdentity.TargetPrefix, CognitoIdentity.GetOpenIdToken, GetOpenIdTokenAsync);
    }

    private async Task<JsonObject> GetIdAsync(OperationContext context)
    {
        var input = context.Input;
        var pool = IdentityPoolInput.RequiredPool(store, input);
        input.OptionalString("AccountId", 1, 15, CognitoIdentity.AccountId());
        var loginTokens = Logins(input);
        if (loginTokens.Count == 0)
        {
            if (!pool.Settings.AllowUnauthenticatedIdentities)
            {
                throw NotAuthorized(IdentityMessages.UnauthenticatedNotSupported);
            }

            return new JsonObject { ["IdentityId"] = store.NewGuest(pool.Id, NewIdentityId(pool), time.GetUtcNow()).Id };
        }

        var verified = await logins.VerifyAsync(pool, loginTokens).ConfigureAwait(false);
        Identity identity;
        try
        {
            identity = store.FindOrCreate(pool.Id, verified, () => NewIdentityId(pool), time.GetUtcNow());
        }
        catch (InvalidOperationException)
        {
            throw new AwsServiceException(IdentityErrors.ResourceConflict, "Logins belong to different identities.");
        }

        return new JsonObject { ["IdentityId"] = identity.Id };
    }

    private async Task<JsonObject> GetCredentialsForIdentityAsync(OperationContext context)
    {
        var input = context.Input;
        var customRoleArn = input.OptionalString("CustomRoleArn", 20, 2048);
        var (identity, pool, tokens) = await AuthorizeAsync(input).ConfigureAwait(false);
        var roleArn = RoleSelection.Choose(pool, identity, tokens, customRoleArn);
        var credentials = issuer.Issue(identity.Id, roleArn);
        return new JsonObject
        {
            ["IdentityId"] = identity.Id,
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = credentials.AccessKeyId,
                ["SecretKey"] = credentials.SecretKey,
                ["SessionToken"] = credentials.SessionToken,
                ["Expiration"] = credentials.Expiration.ToUnixTimeSeconds(),
            },
        };
    }

    private async Task<JsonObject> GetOpenIdTokenAsync(OperationContext context)
    {
        var (identity, pool, _) = await AuthorizeAsync(context.Input).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [Claims.Issuer] = CognitoIdentity.OpenIdIssuer,
            [Claims.Sub] = identity.Id,
            [Claims.Audience] = pool.Id,
            ["amr"] = identity.IsAuthenticated
                ? identity.Logins.Select(l => l.ProviderName).Distinct(StringComparer.Ordinal).Prepend("authenticated").ToArray()
                : UnauthenticatedAmr,
            [Claims.IssuedAt] = now.ToUnixTimeSeconds(),
            [Claims.Expires] = (now + OpenIdTokenLifetime).ToUnixTimeSeconds(),
        };
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Get(OpenIdKeyOwner, TokenUse.Id), SecurityAlgorithms.RsaSha256),
        });
        return new JsonObject { ["IdentityId"] = identity.Id, ["Token"] = token };
    }

    /// <summary>
    /// The identity and its pool, when the caller may act for it: an identity with logins needs at least one
    /// of them presented again (valid); a guest identity needs a pool that allows guests, or logins that
    /// belong to no other identity (they are then linked to it, as AWS does when a guest signs in). The verified
    /// tokens come back too, for role selection.
    /// </summary>
    private async Task<(Identity Identity, IdentityPool Pool, IReadOnlyList<VerifiedToken> Tokens)> AuthorizeAsync(AwsRequest input)
    {
        var identityId = input.RequiredString("IdentityId", 1, 55, CognitoIdentity.IdentityId());
        var loginTokens = Logins(input);
        var identity = store.FindIdentity(identityId)
                       ?? throw AwsServiceException.ResourceNotFound(IdentityMessages.IdentityNotFound(identityId));
        var pool = store.Find(identity.PoolId)
                   ?? throw AwsServiceException.ResourceNotFound(IdentityMessages.IdentityNotFound(identityId));
        if (loginTokens.Count == 0)
        {
            if (identity.IsAuthenticated)
            {
                throw NotAuthorized(IdentityMessages.LoginsDoNotMatch);
            }

            return pool.Settings.AllowUnauthenticatedIdentities
                ? (identity, pool, [])
                : throw NotAuthorized(IdentityMessages.UnauthenticatedNotSupported);
        }

        var tokens = await logins.VerifyTokensAsync(pool, loginTokens).ConfigureAwait(false);
        var verified = tokens.Select(t => t.Login).ToList();
        if (identity.IsAuthenticated)
        {
            return verified.Any(identity.Logins.Contains) ? (identity, pool, tokens) : throw NotAuthorized(IdentityMessages.LoginsDoNotMatch);
        }

        return store.TryLink(identity, verified)
            ? (store.FindIdentity(identity.Id)!, pool, tokens)
            : throw NotAuthorized(IdentityMessages.LoginsDoNotMatch);
    }

    private static IReadOnlyDictionary<string, string> Logins(AwsRequest input)
    {
        var map = input.Map("Logins");
        if (map.Count > 10)
        {
            throw AwsServiceException.InvalidParameter(
                "1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        return map;
    }

    private static string NewIdentityId(IdentityPool pool) =>
        $"{pool.Id[..pool.Id.IndexOf(':', StringComparison.Ordinal)]}:{Guid.NewGuid()}";

    private static AwsServiceException NotAuthorized(string message) => new(IdentityErrors.NotAuthorized, message);
}
