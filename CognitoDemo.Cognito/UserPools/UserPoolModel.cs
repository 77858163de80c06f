using System.Text.Json.Serialization;
using CognitoDemo.Cognito.Protocol;

namespace CognitoDemo.Cognito.UserPools;

// Request and response shapes named as in the botocore cognito-idp model. A null member is not sent.
// ClientId and SecretHash may be left null: UserPoolClient fills them in from CognitoOptions.

public sealed record AttributeType(string Name, string? Value);

public sealed record CodeDeliveryDetailsType
{
    public string? Destination { get; init; }
    public string? DeliveryMedium { get; init; }
    public string? AttributeName { get; init; }
}

public sealed record AnalyticsMetadataType
{
    public string? AnalyticsEndpointId { get; init; }
}

public sealed record UserContextDataType
{
    public string? IpAddress { get; init; }
    public string? EncodedData { get; init; }
}

public sealed record NewDeviceMetadataType
{
    public string? DeviceKey { get; init; }
    public string? DeviceGroupKey { get; init; }
}

public sealed record AuthenticationResultType
{
    public string? AccessToken { get; init; }
    public int ExpiresIn { get; init; }
    public string? TokenType { get; init; }
    public string? RefreshToken { get; init; }
    public string? IdToken { get; init; }
    public NewDeviceMetadataType? NewDeviceMetadata { get; init; }
}

public sealed record MFAOptionType
{
    public string? DeliveryMedium { get; init; }
    public string? AttributeName { get; init; }
}

public sealed record SignUpRequest
{
    public string? ClientId { get; init; }
    public string? SecretHash { get; init; }
    public required string Username { get; init; }
    public string? Password { get; init; }
    public IReadOnlyList<AttributeType>? UserAttributes { get; init; }
    public IReadOnlyList<AttributeType>? ValidationData { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record SignUpResponse
{
    [JsonRequired] public bool UserConfirmed { get; init; }
    [JsonRequired] public string UserSub { get; init; } = "";
    public CodeDeliveryDetailsType? CodeDeliveryDetails { get; init; }
    public string? Session { get; init; }
}

public sealed record ConfirmSignUpRequest
{
    public string? ClientId { get; init; }
    public string? SecretHash { get; init; }
    public required string Username { get; init; }
    public required string ConfirmationCode { get; init; }
    public bool? ForceAliasCreation { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
    public string? Session { get; init; }
}

public sealed record ConfirmSignUpResponse
{
    public string? Session { get; init; }
}

public sealed record ResendConfirmationCodeRequest
{
    public string? ClientId { get; init; }
    public string? SecretHash { get; init; }
    public required string Username { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record ResendConfirmationCodeResponse
{
    public CodeDeliveryDetailsType? CodeDeliveryDetails { get; init; }
}

public sealed record InitiateAuthRequest
{
    public required string AuthFlow { get; init; }
    public string? ClientId { get; init; }
    public IReadOnlyDictionary<string, string>? AuthParameters { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public string? Session { get; init; }
}

public sealed record InitiateAuthResponse
{
    public string? ChallengeName { get; init; }
    public string? Session { get; init; }
    public IReadOnlyDictionary<string, string>? ChallengeParameters { get; init; }
    public AuthenticationResultType? AuthenticationResult { get; init; }
    public IReadOnlyList<string>? AvailableChallenges { get; init; }
}

public sealed record RespondToAuthChallengeRequest
{
    public string? ClientId { get; init; }
    public required string ChallengeName { get; init; }
    public string? Session { get; init; }
    public IReadOnlyDictionary<string, string>? ChallengeResponses { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record RespondToAuthChallengeResponse
{
    public string? ChallengeName { get; init; }
    public string? Session { get; init; }
    public IReadOnlyDictionary<string, string>? ChallengeParameters { get; init; }
    public AuthenticationResultType? AuthenticationResult { get; init; }
}

public sealed record GetUserRequest
{
    public required string AccessToken { get; init; }
}

public sealed record GetUserResponse
{
    [JsonRequired] public string Username { get; init; } = "";
    [JsonRequired] public IReadOnlyList<AttributeType> UserAttributes { get; init; } = [];
    public IReadOnlyList<MFAOptionType>? MFAOptions { get; init; }
    public string? PreferredMfaSetting { get; init; }
    public IReadOnlyList<string>? UserMFASettingList { get; init; }

    /// <summary>The value of an attribute, or null when the user has none.</summary>
    public string? Attribute(string name) =>
        UserAttributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal))?.Value;
}

public sealed record UpdateUserAttributesRequest
{
    public required IReadOnlyList<AttributeType> UserAttributes { get; init; }
    public required string AccessToken { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record UpdateUserAttributesResponse
{
    public IReadOnlyList<CodeDeliveryDetailsType>? CodeDeliveryDetailsList { get; init; }
}

public sealed record ChangePasswordRequest
{
    public string? PreviousPassword { get; init; }
    public required string ProposedPassword { get; init; }
    public required string AccessToken { get; init; }
}

public sealed record ForgotPasswordRequest
{
    public string? ClientId { get; init; }
    public string? SecretHash { get; init; }
    public required string Username { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record ForgotPasswordResponse
{
    public CodeDeliveryDetailsType? CodeDeliveryDetails { get; init; }
}

public sealed record ConfirmForgotPasswordRequest
{
    public string? ClientId { get; init; }
    public string? SecretHash { get; init; }
    public required string Username { get; init; }
    public required string ConfirmationCode { get; init; }
    public required string Password { get; init; }
    public AnalyticsMetadataType? AnalyticsMetadata { get; init; }
    public UserContextDataType? UserContextData { get; init; }
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record GlobalSignOutRequest
{
    public required string AccessToken { get; init; }
}

public sealed record RevokeTokenRequest
{
    /// <summary>The refresh token to revoke.</summary>
    public required string Token { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
}

public sealed record DeleteUserRequest
{
    public required string AccessToken { get; init; }
}

/// <summary>
/// ListUsers (cognito-idp 2016-04-18 service-2.json): an IAM-authorized operation, so the request must be
/// SigV4-signed by whoever sends it; <c>Limit</c> is 0–60 and <c>PaginationToken</c> is the previous page's.
/// </summary>
public sealed record ListUsersRequest
{
    public required string UserPoolId { get; init; }
    public IReadOnlyList<string>? AttributesToGet { get; init; }
    public int? Limit { get; init; }
    public string? PaginationToken { get; init; }
    public string? Filter { get; init; }
}

public sealed record ListUsersResponse
{
    public IReadOnlyList<UserType> Users { get; init; } = [];
    public string? PaginationToken { get; init; }
}

/// <summary>UserType: ListUsers names the user's attributes <c>Attributes</c> (AdminGetUser calls them <c>UserAttributes</c>).</summary>
public sealed record UserType
{
    public string? Username { get; init; }
    public IReadOnlyList<AttributeType>? Attributes { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserCreateDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserLastModifiedDate { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, … (UserStatusType).</summary>
    public string? UserStatus { get; init; }

    /// <summary>The value of an attribute, or null when the user has none.</summary>
    public string? Attribute(string name) =>
        Attributes?.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal))?.Value;
}

/// <summary>Source-generated JSON metadata for every user-pool shape (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(SignUpResponse))]
[JsonSerializable(typeof(ConfirmSignUpRequest))]
[JsonSerializable(typeof(ConfirmSignUpResponse))]
[JsonSerializable(typeof(ResendConfirmationCodeRequest))]
[JsonSerializable(typeof(ResendConfirmationCodeResponse))]
[JsonSerializable(typeof(InitiateAuthRequest))]
[JsonSerializable(typeof(InitiateAuthResponse))]
[JsonSerializable(typeof(RespondToAuthChallengeRequest))]
[JsonSerializable(typeof(RespondToAuthChallengeResponse))]
[JsonSerializable(typeof(GetUserRequest))]
[JsonSerializable(typeof(GetUserResponse))]
[JsonSerializable(typeof(UpdateUserAttributesRequest))]
[JsonSerializable(typeof(UpdateUserAttributesResponse))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(ForgotPasswordRequest))]
[JsonSerializable(typeof(ForgotPasswordResponse))]
[JsonSerializable(typeof(ConfirmForgotPasswordRequest))]
[JsonSerializable(typeof(GlobalSignOutRequest))]
[JsonSerializable(typeof(RevokeTokenRequest))]
[JsonSerializable(typeof(DeleteUserRequest))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
public sealed partial class UserPoolJsonContext : JsonSerializerContext;
