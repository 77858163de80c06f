using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.UserPools;
using CognitoDemo.Web.Calls;

namespace CognitoDemo.Web.Journey;

/// <summary>One step of the guided path on the home page.</summary>
public sealed record JourneyStep(string Key, string Title, string Href, string What);

/// <summary>
/// The journey the home page walks a learner through, and which steps this browser session has done.
/// A step counts as done when the Cognito call that does it succeeded (read from the request's
/// <see cref="CallLog"/>), or for the tokens page when it was shown; progress lives in a session cookie
/// of step names, nothing secret.
/// </summary>
public static class GuidedPath
{
    public const string CookieName = "CognitoDemo.Journey";

    public static IReadOnlyList<JourneyStep> Steps(string? mailboxUrl) =>
    [
        new("signup", "Sign up", "/Account/SignUp", "SignUp with a user name, e-mail, password and location."),
        new("mailbox", "Get the code from the mailbox", mailboxUrl ?? "/Account/Confirm",
            mailboxUrl is null ? "Cognito mails a 6-digit code to the address." : "Local Cognito's mailbox holds the 6-digit code it \"sent\"."),
        new("confirm", "Confirm the account", "/Account/Confirm", "ConfirmSignUp with the code."),
        new("signin", "Sign in", "/Account/SignIn", "InitiateAuth USER_SRP_AUTH, then RespondToAuthChallenge PASSWORD_VERIFIER."),
        new("profile", "See your profile", "/Profile", "GetUser with the access token; edit the location with UpdateUserAttributes."),
        new("tokens", "Read your tokens", "/Tokens", "The ID and access tokens decoded, claim by claim."),
        new("credentials", "Get AWS credentials", "/Credentials", "GetId, GetCredentialsForIdentity, then sts:GetCallerIdentity."),
        new("hostedui", "Sign in with the Hosted UI", "/Account/SignIn#hosted-ui", "Cognito's own page, OpenID Connect code flow, /oauth2/token."),
        new("signout", "Sign out", "#sign-out", "GlobalSignOut, and the session cookie is cleared."),
    ];

    /// <summary>The steps this session has done, from its cookie.</summary>
    public static IReadOnlySet<string> Done(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = Steps(null).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        return (request.Cookies[CookieName] ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Where(known.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The steps a request did: its own successful Cognito calls, and the tokens page shown.</summary>
    public static IEnumerable<string> DoneBy(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var call in CallLog.For(context).OwnCalls.Where(c => c.Succeeded))
        {
            switch (call.Operation, call.Variant)
            {
                case (UserPoolOperations.SignUp, _):
                    yield return "signup";
                    break;
                case (UserPoolOperations.ConfirmSignUp, _):
                    yield return "mailbox";
                    yield return "confirm";
                    break;
                case (UserPoolOperations.RespondToAuthChallenge, ChallengeNames.PasswordVerifier):
                    yield return "signin";
                    break;
                case (CallCatalog.TokenEndpoint, _):
                    yield return "signin";
                    yield return "hostedui";
                    break;
                case (UserPoolOperations.GetUser, _):
                    yield return "profile";
                    break;
                case (IdentityPoolOperations.GetCredentialsForIdentity, _):
                    yield return "credentials";
                    break;
                case (UserPoolOperations.GlobalSignOut, _):
                    yield return "signout";
                    break;
            }
        }

        if (context.Request.Path.StartsWithSegments("/Tokens", StringComparison.OrdinalIgnoreCase)
            && HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status200OK)
        {
            yield return "tokens";
        }
    }

    /// <summary>Adds each request's steps to the session's progress cookie.</summary>
    public static IApplicationBuilder UseGuidedPath(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var done = Done(context.Request);
                var now = DoneBy(context).Where(step => !done.Contains(step)).ToList();
                if (now.Count > 0)
                {
                    var all = Steps(null).Select(s => s.Key).Where(k => done.Contains(k) || now.Contains(k));
                    context.Response.Cookies.Append(CookieName, string.Join('.', all), new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                        IsEssential = true,
                    });
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
