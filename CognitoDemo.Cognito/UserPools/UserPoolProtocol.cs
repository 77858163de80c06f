namespace CognitoDemo.Cognito.UserPools;

/// <summary>Protocol strings of the Cognito user pools API (botocore cognito-idp 2016-04-18 model).</summary>
public static class UserPoolOperations
{
    public const string TargetPrefix = "AWSCognitoIdentityProviderService";
    public const string SigningName = "cognito-idp";

    public const string SignUp = nameof(SignUp);
    public const string ConfirmSignUp = nameof(ConfirmSignUp);
    public const string ResendConfirmationCode = nameof(ResendConfirmationCode);
    public const string InitiateAuth = nameof(InitiateAuth);
    public const string RespondToAuthChallenge = nameof(RespondToAuthChallenge);
    public const string GetUser = nameof(GetUser);
    public const string UpdateUserAttributes = nameof(UpdateUserAttributes);
    public const string ChangePassword = nameof(ChangePassword);
    public const string ForgotPassword = nameof(ForgotPassword);
    public const string ConfirmForgotPassword = nameof(ConfirmForgotPassword);
    public const string GlobalSignOut = nameof(GlobalSignOut);
    public const string RevokeToken = nameof(RevokeToken);
    public const string DeleteUser = nameof(DeleteUser);

    /// <summary>IAM-authorized: sent SigV4-signed (cognito-idp:ListUsers on the pool's ARN).</summary>
    public const string ListUsers = nameof(ListUsers);
}

/// <summary>Values of <c>AuthFlowType</c>.</summary>
public static class AuthFlows
{
    public const string UserSrpAuth = "USER_SRP_AUTH";
    public const string UserPasswordAuth = "USER_PASSWORD_AUTH";
    public const string RefreshTokenAuth = "REFRESH_TOKEN_AUTH";
    public const string RefreshToken = "REFRESH_TOKEN";
    public const string CustomAuth = "CUSTOM_AUTH";
    public const string UserAuth = "USER_AUTH";
}

/// <summary>Values of <c>ChallengeNameType</c> this project meets.</summary>
public static class ChallengeNames
{
    public const string PasswordVerifier = "PASSWORD_VERIFIER";
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string SmsMfa = "SMS_MFA";
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string EmailOtp = "EMAIL_OTP";
    public const string MfaSetup = "MFA_SETUP";
    public const string SelectMfaType = "SELECT_MFA_TYPE";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";
}

/// <summary>Keys of <c>AuthParameters</c> and <c>ChallengeResponses</c>.</summary>
public static class AuthParameterNames
{
    public const string Username = "USERNAME";
    public const string Password = "PASSWORD";
    public const string SrpA = "SRP_A";
    public const string SecretHash = "SECRET_HASH";
    public const string RefreshToken = "REFRESH_TOKEN";
    public const string DeviceKey = "DEVICE_KEY";
    public const string PasswordClaimSecretBlock = "PASSWORD_CLAIM_SECRET_BLOCK";
    public const string PasswordClaimSignature = "PASSWORD_CLAIM_SIGNATURE";
    public const string Timestamp = "TIMESTAMP";
    public const string NewPassword = "NEW_PASSWORD";

    /// <summary>Prefix of required attributes answered with NEW_PASSWORD_REQUIRED.</summary>
    public const string UserAttributePrefix = "userAttributes.";
}

/// <summary>Keys of <c>ChallengeParameters</c>.</summary>
public static class ChallengeParameterNames
{
    public const string Salt = "SALT";
    public const string SrpB = "SRP_B";
    public const string SecretBlock = "SECRET_BLOCK";
    public const string Username = "USERNAME";
    public const string UserIdForSrp = "USER_ID_FOR_SRP";
    public const string UserAttributes = "userAttributes";
    public const string RequiredAttributes = "requiredAttributes";
}

/// <summary>Attribute names the demo uses.</summary>
public static class UserAttributeNames
{
    public const string Sub = "sub";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string Location = "custom:location";
}

/// <summary>Error codes of the user pools API that callers branch on.</summary>
public static class UserPoolErrors
{
    public const string NotAuthorized = "NotAuthorizedException";
    public const string UserNotFound = "UserNotFoundException";
    public const string UserNotConfirmed = "UserNotConfirmedException";
    public const string UsernameExists = "UsernameExistsException";
    public const string InvalidPassword = "InvalidPasswordException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string CodeMismatch = "CodeMismatchException";
    public const string ExpiredCode = "ExpiredCodeException";
    public const string TooManyFailedAttempts = "TooManyFailedAttemptsException";
    public const string TooManyRequests = "TooManyRequestsException";
    public const string LimitExceeded = "LimitExceededException";
    public const string PasswordResetRequired = "PasswordResetRequiredException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string AliasExists = "AliasExistsException";
    public const string CodeDeliveryFailure = "CodeDeliveryFailureException";
    public const string InternalError = "InternalErrorException";
    public const string UnsupportedTokenType = "UnsupportedTokenTypeException";
    public const string Unauthorized = "UnauthorizedException";

    /// <summary>Generic AWS throttling code some front ends send instead of TooManyRequestsException.</summary>
    public const string Throttling = "ThrottlingException";

    /// <summary>IAM refused a signed call: "User: {caller arn} is not authorized to perform: {action} on resource: {arn} …".</summary>
    public const string AccessDenied = "AccessDeniedException";
}
