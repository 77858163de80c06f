using System.Numerics;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Cognito.Srp;

/// <summary>The PASSWORD_VERIFIER challenge parameters, parsed and checked.</summary>
public sealed record PasswordVerifierChallenge(
    string PoolName,
    string Username,
    string UserIdForSrp,
    BigInteger Salt,
    BigInteger ServerPublic,
    string SecretBlock,
    byte[] SecretBlockBytes)
{
    /// <summary>Reads the challenge parameters Cognito returns for USER_SRP_AUTH.</summary>
    /// <exception cref="SrpException">A parameter is missing or malformed.</exception>
    public static PasswordVerifierChallenge Parse(string poolName, IReadOnlyDictionary<string, string>? parameters)
    {
        string Required(string name) =>
            parameters is not null && parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
                ? value
                : throw new SrpException($"The PASSWORD_VERIFIER challenge has no {name} parameter.");

        var username = Required(ChallengeParameterNames.Username);
        // USER_ID_FOR_SRP is what the server hashed; older answers may omit it (protocol doc 3.3 step 6).
        var userId = parameters!.TryGetValue(ChallengeParameterNames.UserIdForSrp, out var id) && !string.IsNullOrEmpty(id)
            ? id
            : username;
        var secretBlock = Required(ChallengeParameterNames.SecretBlock);
        try
        {
            return new PasswordVerifierChallenge(
                poolName,
                username,
                userId,
                SrpEncoding.FromHex(Required(ChallengeParameterNames.Salt)),
                SrpEncoding.FromHex(Required(ChallengeParameterNames.SrpB)),
                secretBlock,
                SrpCalculations.DecodeSecretBlock(secretBlock));
        }
        catch (FormatException e)
        {
            throw new SrpException("The PASSWORD_VERIFIER challenge has a malformed SALT, SRP_B or SECRET_BLOCK.", e);
        }
    }
}
