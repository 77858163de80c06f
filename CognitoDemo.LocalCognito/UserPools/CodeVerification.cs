using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>Checks a code the user was sent, with AWS's error for a wrong, expired or over-tried code.</summary>
internal sealed class CodeVerification(CodeStore codes, TimeProvider time)
{
    public void Check(User user, string purpose, string code)
    {
        switch (codes.Consume(user.PoolId, user.Sub, purpose, code, time.GetUtcNow()))
        {
            case CodeCheck.Accepted:
                return;
            case CodeCheck.Mismatch:
                throw new AwsServiceException(ErrorCodes.CodeMismatch, ErrorMessages.CodeMismatch);
            case CodeCheck.TooManyAttempts:
                throw new AwsServiceException(ErrorCodes.LimitExceeded, ErrorMessages.AttemptLimitExceeded);
            default:
                throw new AwsServiceException(ErrorCodes.ExpiredCode, ErrorMessages.ExpiredCode);
        }
    }
}
