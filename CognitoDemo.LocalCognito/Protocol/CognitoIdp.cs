using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>
/// Every protocol string Local Cognito speaks for the user pools API, in one place. User-facing
/// operations and error codes reuse the client library's constants, as do the AWS JSON headers
/// (<see cref="CognitoDemo.Cognito.Protocol.AwsJson"/>); management operations and emulator-only error
/// codes are added here (botocore cognito-idp 2016-04-18 model).
/// </summary>
internal static class CognitoIdp
{
    public const string TargetPrefix = UserPoolOperations.TargetPrefix;

    /// <summary>The scope API sign-in grants and token-authorized operations require (protocol doc 1.4).</summary>
    public const string AdminScope = "aws.cognito.signin.user.admin";
}

/// <summary>Operation names (the part of X-Amz-Target after the dot).</summary>
internal static class Operations
{
    public const string SignUp = UserPoolOperations.SignUp;
    public const string ConfirmSignUp = UserPoolOperations.ConfirmSignUp;
    public const string ResendConfirmationCode = UserPoolOperations.ResendConfirmationCode;
    public const string InitiateAuth = UserPoolOperations.InitiateAuth;
    public const string RespondToAuthChallenge = UserPoolOperations.RespondToAuthChallenge;
    public const string GetUser = UserPoolOperations.GetUser;
    public const string UpdateUserAttributes = UserPoolOperations.UpdateUserAttributes;
    public const string ChangePassword = UserPoolOperations.ChangePassword;
    public const string ForgotPassword = UserPoolOperations.ForgotPassword;
    public const string ConfirmForgotPassword = UserPoolOperations.ConfirmForgotPassword;
    public const string GlobalSignOut = UserPoolOperations.GlobalSignOut;
    public const string RevokeToken = UserPoolOperations.RevokeToken;
    public const string DeleteUser = UserPoolOperations.DeleteUser;
    public const string GetUserAttributeVerificationCode = nameof(GetUserAttributeVerificationCode);
    public const string GetTokensFromRefreshToken = nameof(GetTokensFromRefreshToken);
    public const string VerifyUserAttribute = nameof(VerifyUserAttribute);

    public const string CreateUserPool = nameof(CreateUserPool);
    public const string DescribeUserPool = nameof(DescribeUserPool);
    public const string ListUserPools = nameof(ListUserPools);
    public const string DeleteUserPool = nameof(DeleteUserPool);
    public const string CreateUserPoolClient = nameof(CreateUserPoolClient);
    public const string DescribeUserPoolClient = nameof(DescribeUserPoolClient);
    public const string ListUserPoolClients = nameof(ListUserPoolClients);
    public const string CreateUserPoolDomain = nameof(CreateUserPoolDomain);
    public const string DescribeUserPoolDomain = nameof(DescribeUserPoolDomain);
    public const string DeleteUserPoolDomain = nameof(DeleteUserPoolDomain);
    public const string UpdateUserPoolClient = nameof(UpdateUserPoolClient);
    public const string DeleteUserPoolClient = nameof(DeleteUserPoolClient);
    public const string CreateResourceServer = nameof(CreateResourceServer);
    public const string DescribeResourceServer = nameof(DescribeResourceServer);
    public const string ListResourceServers = nameof(ListResourceServers);
    public const string UpdateResourceServer = nameof(UpdateResourceServer);
    public const string DeleteResourceServer = nameof(DeleteResourceServer);
    public const string AdminGetUser = nameof(AdminGetUser);
    public const string AdminConfirmSignUp = nameof(AdminConfirmSignUp);
    public const string AdminDeleteUser = nameof(AdminDeleteUser);
    public const string AdminSetUserPassword = nameof(AdminSetUserPassword);
    public const string AdminDisableUser = nameof(AdminDisableUser);
    public const string AdminCreateUser = nameof(AdminCreateUser);
    public const string AdminUpdateUserAttributes = nameof(AdminUpdateUserAttributes);
    public const string AdminEnableUser = nameof(AdminEnableUser);
    public const string ListUsers = nameof(ListUsers);
    public const string AdminInitiateAuth = nameof(AdminInitiateAuth);
    public const string AdminRespondToAuthChallenge = nameof(AdminRespondToAuthChallenge);
    public const string CreateGroup = nameof(CreateGroup);
    public const string GetGroup = nameof(GetGroup);
    public const string ListGroups = nameof(ListGroups);
    public const string UpdateGroup = nameof(UpdateGroup);
    public const string DeleteGroup = nameof(DeleteGroup);
    public const string AdminAddUserToGroup = nameof(AdminAddUserToGroup);
    public const string AdminRemoveUserFromGroup = nameof(AdminRemoveUserFromGroup);
    public const string AdminListGroupsForUser = nameof(AdminListGroupsForUser);
    public const string ListUsersInGroup = nameof(ListUsersInGroup);
    public const string AdminUserGlobalSignOut = nameof(AdminUserGlobalSignOut);
    public const string AdminResetUserPassword = nameof(AdminResetUserPassword);
    public const string AdminDeleteUserAttributes = nameof(AdminDeleteUserAttributes);
    public const string AddCustomAttributes = nameof(AddCustomAttributes);
    public const string UpdateUserPool = nameof(UpdateUserPool);
    public const string UpdateUserPoolDomain = nameof(UpdateUserPoolDomain);
}

/// <summary>The error codes (<c>__type</c>) Local Cognito answers with.</summary>
internal static class ErrorCodes
{
    public const string NotAuthorized = UserPoolErrors.NotAuthorized;
    public const string UserNotFound = UserPoolErrors.UserNotFound;
    public const string UserNotConfirmed = UserPoolErrors.UserNotConfirmed;
    public const string UsernameExists = UserPoolErrors.UsernameExists;
    public const string AliasExists = UserPoolErrors.AliasExists;
    public const string InvalidPassword = UserPoolErrors.InvalidPassword;
    public const string InvalidParameter = UserPoolErrors.InvalidParameter;
    public const string CodeMismatch = UserPoolErrors.CodeMismatch;
    public const string ExpiredCode = UserPoolErrors.ExpiredCode;
    public const string LimitExceeded = UserPoolErrors.LimitExceeded;
    public const string PasswordResetRequired = UserPoolErrors.PasswordResetRequired;
    public const string ResourceNotFound = UserPoolErrors.ResourceNotFound;
    public const string InternalError = UserPoolErrors.InternalError;
    public const string UnsupportedTokenType = UserPoolErrors.UnsupportedTokenType;
    public const string Unauthorized = UserPoolErrors.Unauthorized;
    public const string UnsupportedOperation = "UnsupportedOperationException";
    public const string UnsupportedUserState = "UnsupportedUserStateException";
    public const string SerializationException = "SerializationException";
    public const string UnknownOperation = "UnknownOperationException";
    public const string IncompleteSignature = "IncompleteSignatureException";
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
    public const string UnrecognizedClient = "UnrecognizedClientException";
    public const string InvalidSignature = "InvalidSignatureException";
    public const string ExpiredToken = "ExpiredTokenException";
    public const string RequestEntityTooLarge = "RequestEntityTooLargeException";
    public const string InvalidUserPoolConfiguration = "InvalidUserPoolConfigurationException";
    public const string GroupExists = "GroupExistsException";
}

/// <summary>Messages the real service is known to send (protocol doc section 2, "Observed error messages").</summary>
internal static class ErrorMessages
{
    public const string IncorrectCredentials = "Incorrect username or password.";
    public const string PasswordAttemptsExceeded = "Password attempts exceeded";
    public const string UserNotConfirmed = "User is not confirmed.";
    public const string UserDisabled = "User is disabled.";
    public const string UserDoesNotExist = "User does not exist.";
    public const string InvalidAccessToken = "Invalid Access Token";
    public const string AccessTokenRevoked = "Access Token has been revoked";
    public const string AccessTokenExpired = "Access Token has expired";
    public const string InvalidRefreshToken = "Invalid Refresh Token";
    public const string RefreshTokenRevoked = "Refresh Token has been revoked";
    public const string CodeMismatch = "Invalid verification code provided, please try again.";
    public const string ExpiredCode = "Invalid code provided, please request a code again.";
    public const string AttemptLimitExceeded = "Attempt limit exceeded, please try after some time.";
    public const string UserAlreadyExists = "User already exists";
    public const string PasswordResetRequired = "Password reset required for the user";
    public const string TemporaryPasswordExpired = "Temporary password has expired and must be reset by an administrator.";

    public static string SecretHashMismatch(string clientId) => $"Unable to verify secret hash for client {clientId}";

    public static string SecretHashMissing(string clientId) =>
        $"Client {clientId} is configured with secret but SECRET_HASH was not received";

    /// <summary>
    /// AWS's answer (InvalidParameterException) to a SECRET_HASH sent for a client without a secret, as
    /// reported in pmill/aws-cognito pull request #23 (2019); the AWS docs do not list it.
    /// </summary>
    public static string SecretHashNotExpected(string clientId) =>
        $"App client {clientId} is not configured for secret but secret hash was received";
}
