using System.Collections.Frozen;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.LocalCognito.IdentityPools;
using CognitoDemo.LocalCognito.Signing;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.Extensions.Options;
using IdentityPoolWire = CognitoDemo.Cognito.IdentityPools.IdentityPoolOperations;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>Who signed a request: the region of its credential scope, and the issued credentials it was signed with, if any.</summary>
internal sealed record ApiCaller(string Region, StoredCredential? Issued);

/// <summary>
/// Which AWS JSON operations must be SigV4-signed, and the check. The operations AWS lets anyone call
/// unsigned are those botocore's models mark <c>"authtype":"none"</c> (cognito-idp 2016-04-18 and
/// cognito-identity 2014-06-30 service-2.json; protocol doc 1.4); every other operation, management
/// included and any operation added later, needs a well-formed signature, and with
/// <c>LocalCognito:Credentials</c> set one that verifies against that key.
/// </summary>
internal sealed class ApiSignatures(SigV4Verifier verifier, CredentialStore issued, IOptions<LocalCognitoOptions> options)
{
    private static readonly FrozenSet<string> Unsigned = FrozenSet.Create(StringComparer.Ordinal,
    [
        .. ((string[])
        [
            "AssociateSoftwareToken", "ChangePassword", "CompleteWebAuthnRegistration", "ConfirmDevice",
            "ConfirmForgotPassword", "ConfirmSignUp", "DeleteUser", "DeleteUserAttributes", "DeleteWebAuthnCredential",
            "ForgetDevice", "ForgotPassword", "GetDevice", "GetTokensFromRefreshToken", "GetUser",
            "GetUserAttributeVerificationCode", "GetUserAuthFactors", "GlobalSignOut", "InitiateAuth", "ListDevices",
            "ListWebAuthnCredentials", "ResendConfirmationCode", "RespondToAuthChallenge", "RevokeToken",
            "SetUserMFAPreference", "SetUserSettings", "SignUp", "StartWebAuthnRegistration", "UpdateAuthEventFeedback",
            "UpdateDeviceStatus", "UpdateUserAttributes", "VerifySoftwareToken", "VerifyUserAttribute",
        ]).Select(operation => $"{CognitoIdp.TargetPrefix}.{operation}"),
        .. ((string[])["GetId", "GetCredentialsForIdentity", "GetOpenIdToken", "UnlinkIdentity"])
            .Select(operation => $"{CognitoIdentity.TargetPrefix}.{operation}"),
    ]);

    /// <summary>
    /// Authenticates a request to <paramref name="target"/>; returns the region of its credential scope, or
    /// null when an operation callable unsigned came unsigned. A request signed with temporary credentials Local Cognito
    /// issued is verified against them (session token, expiry, signature) and names them, for IAM to decide.
    /// </summary>
    /// <exception cref="SignatureException">Missing, malformed or (with configured or issued credentials) not verifying.</exception>
    public ApiCaller? Authenticate(HttpRequest http, byte[] body, string target)
    {
        var authorization = http.Headers.Authorization.ToString();
        if (Unsigned.Contains(target))
        {
            // A signature is not needed here, but one that is sent must at least be well formed (protocol doc 8.2 step 1).
            return authorization.Length == 0 ? null : new ApiCaller(SigV4Authorization.Parse(authorization).Region, null);
        }

        var request = SignedRequest.From(http, body);
        var header = SigV4Authorization.Parse(authorization);
        SigV4Authorization.ParseDate(SigV4Authorization.RequestDate(request));
        var service = target.StartsWith(CognitoIdentity.TargetPrefix + ".", StringComparison.Ordinal)
            ? IdentityPoolWire.SigningName
            : UserPoolOperations.SigningName;
        if (issued.Find(header.AccessKeyId) is { } credential)
        {
            verifier.Verify(request, service, key => key == credential.AccessKeyId ? credential.Signing : null);
            return new ApiCaller(header.Region, credential);
        }

        if (options.Value.Credentials is { AccessKeyId: { Length: > 0 } keyId, SecretAccessKey: { Length: > 0 } secret })
        {
            verifier.Verify(request, service, key => key == keyId ? new SigningCredential(keyId, secret, null, null) : null);
        }

        return new ApiCaller(header.Region, null);
    }

    /// <summary>
    /// A refused signature in the AWS JSON protocol's words. Unsigned: 400 <c>MissingAuthenticationTokenException</c>
    /// "Missing Authentication Token", as Cognito answers an unsigned ListUsers (aws/aws-sdk-net-extensions-cognito
    /// issue 95); the others are the JSON services' names of STS's codes (aws/aws-sdk-js issue 1985 shows
    /// Cognito's InvalidSignatureException).
    /// </summary>
    public static AwsServiceException ToAwsError(SignatureException refusal) => refusal.Failure switch
    {
        SignatureFailure.Missing => new(ErrorCodes.MissingAuthenticationToken, "Missing Authentication Token"),
        SignatureFailure.Incomplete => new(ErrorCodes.IncompleteSignature, refusal.Message),
        SignatureFailure.UnknownKey => new(ErrorCodes.UnrecognizedClient, refusal.Message),
        SignatureFailure.ExpiredToken => new(ErrorCodes.ExpiredToken, refusal.Message),
        _ => new(ErrorCodes.InvalidSignature, refusal.Message),
    };
}
