using System.Text.Json.Serialization;
using CognitoDemo.Cognito.Protocol;

namespace CognitoDemo.Cognito.IdentityPools;

// Shapes named as in the botocore cognito-identity 2014-06-30 model. IdentityPoolId may be left null
// on GetId: IdentityPoolClient fills in the configured pool.

public sealed record GetIdRequest
{
    public string? AccountId { get; init; }
    public string? IdentityPoolId { get; init; }

    /// <summary>Provider name → token; for a user pool, <see cref="IdentityProviderNames.UserPool(string, string)"/> → the ID token.</summary>
    public IReadOnlyDictionary<string, string>? Logins { get; init; }
}

public sealed record GetIdResponse
{
    [JsonRequired] public string IdentityId { get; init; } = "";
}

public sealed record GetCredentialsForIdentityRequest
{
    public required string IdentityId { get; init; }
    public IReadOnlyDictionary<string, string>? Logins { get; init; }
    public string? CustomRoleArn { get; init; }
}

public sealed record Credentials
{
    public string? AccessKeyId { get; init; }
    public string? SecretKey { get; init; }
    public string? SessionToken { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? Expiration { get; init; }
}

public sealed record GetCredentialsForIdentityResponse
{
    public string? IdentityId { get; init; }
    public Credentials? Credentials { get; init; }
}

public sealed record GetOpenIdTokenRequest
{
    public required string IdentityId { get; init; }
    public IReadOnlyDictionary<string, string>? Logins { get; init; }
}

public sealed record GetOpenIdTokenResponse
{
    public string? IdentityId { get; init; }
    public string? Token { get; init; }
}

/// <summary>Source-generated JSON metadata for the identity-pool shapes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetIdRequest))]
[JsonSerializable(typeof(GetIdResponse))]
[JsonSerializable(typeof(GetCredentialsForIdentityRequest))]
[JsonSerializable(typeof(GetCredentialsForIdentityResponse))]
[JsonSerializable(typeof(GetOpenIdTokenRequest))]
[JsonSerializable(typeof(GetOpenIdTokenResponse))]
public sealed partial class IdentityPoolJsonContext : JsonSerializerContext;
