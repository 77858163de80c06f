using System.Globalization;

namespace CognitoDemo.Web.Pages.Tokens;

/// <summary>
/// One line per claim Cognito puts in its ID and access tokens, after AWS's "Understanding the identity
/// (ID) token" and "Understanding the access token" pages of the Cognito developer guide, and RFC 7519
/// section 4.1 for the registered claims.
/// </summary>
public static class ClaimMeanings
{
    public const string NotExplained = "not explained";

    /// <summary>Claims holding a time, in seconds since 1970-01-01 UTC (RFC 7519 "NumericDate").</summary>
    public static readonly IReadOnlySet<string> TimeClaims = new HashSet<string>(StringComparer.Ordinal) { "exp", "iat", "auth_time", "nbf" };

    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["sub"] = "The user's unique, never reused id in this user pool (a UUID): the key to store data against.",
        ["cognito:username"] = "The user name in the pool (ID token only).",
        ["username"] = "The user name in the pool (the access token's name for it).",
        ["email"] = "The user's e-mail address attribute.",
        ["email_verified"] = "Whether the user proved they receive mail at that address (here: with the confirmation code).",
        ["custom:location"] = "This app's custom attribute 'location', set at sign-up and on the profile page.",
        ["iss"] = "Issuer: the user pool's URL. The app accepts only tokens of its own pool.",
        ["aud"] = "Audience: the app client the ID token was issued to. The app checks it is its own client id.",
        ["client_id"] = "The app client the access token was issued to (the access token has no aud).",
        ["token_use"] = "'id' for an ID token (who the user is), 'access' for an access token (what it may call).",
        ["auth_time"] = "When the user signed in with their password; refreshing tokens does not change it.",
        ["exp"] = "Not accepted after this time. One hour by default (the app client's token validity).",
        ["iat"] = "When Cognito issued this token (a refresh issues a new one).",
        ["nbf"] = "Not accepted before this time.",
        ["jti"] = "This token's own unique id.",
        ["origin_jti"] = "The id of the sign-in all tokens of this session come from; revoking the refresh token revokes them all.",
        ["event_id"] = "The id of the sign-in event, as the pool's logs and user activity name it.",
        ["scope"] = "What the access token allows: aws.cognito.signin.user.admin lets it call the user's own operations (GetUser, UpdateUserAttributes…).",
        ["at_hash"] = "Half of the SHA-256 of the access token issued with it (OpenID Connect), to bind the two (Hosted UI sign-ins).",
        ["nonce"] = "The value the app sent to the Hosted UI, returned to prove this answer belongs to that request.",
        ["cognito:groups"] = "The pool groups the user belongs to.",
        ["cognito:roles"] = "IAM roles of the user's groups.",
        ["cognito:preferred_role"] = "The IAM role of the user's highest-priority group.",
        ["identities"] = "The external identity providers (Google, SAML…) the user signed in through.",
        ["version"] = "The format version of the access token.",
        ["device_key"] = "The remembered device this session belongs to, when device tracking is on.",
        ["phone_number"] = "The user's phone number attribute.",
        ["phone_number_verified"] = "Whether the user proved they receive text messages at that number.",
        ["name"] = "The user's name attribute.",
    };

    /// <summary>The claim's one-line meaning, or "not explained" for a claim this table does not know.</summary>
    public static string For(string claim) => Meanings.GetValueOrDefault(claim, NotExplained);

    /// <summary>"in 53 minutes", "12 minutes ago", "just now": how far a time is from now.</summary>
    public static string Relative(DateTimeOffset time, DateTimeOffset now)
    {
        var delta = time - now;
        var span = delta.Duration();
        var text = span.TotalSeconds < 60 ? null
            : span.TotalMinutes < 120 ? Plural((int)span.TotalMinutes, "minute")
            : span.TotalHours < 48 ? Plural((int)span.TotalHours, "hour")
            : Plural((int)span.TotalDays, "day");
        return text is null ? "just now" : delta > TimeSpan.Zero ? "in " + text : text + " ago";
    }

    /// <summary>A NumericDate claim as UTC and relative, e.g. <c>2026-11-30 17:20:00Z (in 53 minutes)</c>.</summary>
    public static string Time(string value, DateTimeOffset now) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.FromUnixTimeSeconds(seconds):u} ({Relative(DateTimeOffset.FromUnixTimeSeconds(seconds), now)}), {value}")
            : value;

    private static string Plural(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
}
