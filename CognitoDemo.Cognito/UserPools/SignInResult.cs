namespace CognitoDemo.Cognito.UserPools;

/// <summary>
/// A challenge Cognito asks the user to answer before it issues tokens (NEW_PASSWORD_REQUIRED, an MFA
/// code, …), returned as a value: the caller decides what page comes next.
/// </summary>
public sealed record AuthChallenge(
    string ChallengeName,
    string? Session,
    string Username,
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>
    /// For NEW_PASSWORD_REQUIRED: the attributes Cognito needs along with the new password, without
    /// the <c>userAttributes.</c> prefix (the parameter is a JSON array serialized as a string).
    /// </summary>
    public IReadOnlyList<string> RequiredAttributes
    {
        get
        {
            if (!Parameters.TryGetValue(ChallengeParameterNames.RequiredAttributes, out var json) || string.IsNullOrWhiteSpace(json))
            {
                return [];
            }

            try
            {
                var names = System.Text.Json.JsonSerializer.Deserialize(json, ChallengeJsonContext.Default.StringArray) ?? [];
                return [.. names.Select(n => n.StartsWith(AuthParameterNames.UserAttributePrefix, StringComparison.Ordinal)
                    ? n[AuthParameterNames.UserAttributePrefix.Length..]
                    : n)];
            }
            catch (System.Text.Json.JsonException)
            {
                return [];
            }
        }
    }
}

/// <summary>The outcome of a sign-in step: tokens, or a challenge still to answer.</summary>
public sealed record SignInResult
{
    private SignInResult(AuthenticationResultType? tokens, AuthChallenge? challenge)
    {
        Tokens = tokens;
        Challenge = challenge;
    }

    /// <summary>The tokens, when the user is signed in.</summary>
    public AuthenticationResultType? Tokens { get; }

    /// <summary>The next challenge, when Cognito wants more.</summary>
    public AuthChallenge? Challenge { get; }

    public bool IsSignedIn => Tokens is not null;

    public static SignInResult SignedIn(AuthenticationResultType tokens) => new(tokens, null);

    public static SignInResult Challenged(AuthChallenge challenge) => new(null, challenge);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class ChallengeJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
