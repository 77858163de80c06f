using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.AspNetCore.Antiforgery;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI's account confirmation (AWS managed login endpoints: <c>/confirm</c> "prompts your users to enter a code
/// after the user pool sent a confirmation code", <c>/resendcode</c> "sends a new confirmation code"). Both take the
/// authorize parameters like <c>/login</c> and check them the same way, so an error never redirects to an unregistered
/// address. The code is checked by ConfirmSignUp and a new one sent by ResendConfirmationCode, the API's own handlers.
/// Local Cognito reaches <c>/confirm</c> from a link on the sign-in form when the user is not confirmed (issue 12).
/// </summary>
internal static class ConfirmEndpoints
{
    public const string UsernameField = "username";
    public const string CodeField = "code";
    public const string ConfirmedField = "confirmed";
    public const string ConfirmedMessage = "Your account is confirmed. Sign in.";

    /// <summary>The confirmation page for this user, with the sign-in's authorize parameters.</summary>
    public static string Link(AuthorizeRequest request, string username) => request.Link("/confirm", (UsernameField, username));

    public static IResult Show(HttpContext http, PoolStore pools, IAntiforgery antiforgery)
    {
        var (request, error) = AuthorizeRequest.Check(SignInEndpoints.Parameters(http.Request.Query), pools);
        if (request is null)
        {
            return error!;
        }

        var username = http.Request.Query[UsernameField].ToString();
        return username.Length == 0 ? MissingUsername(request) : Form(http, antiforgery, request, new PageMessage(username));
    }

    public static async Task<IResult> SubmitAsync(HttpContext http, PoolStore pools, IAntiforgery antiforgery, HostedUiOperations operations)
    {
        var (request, form, username, error) = await ReadAsync(http, pools, antiforgery).ConfigureAwait(false);
        if (request is null || error is not null)
        {
            return error!;
        }

        var code = form!.Fields[CodeField].ToString().Trim();
        if (code.Length == 0)
        {
            return Form(http, antiforgery, request, new PageMessage(username, "Enter the code from the e-mail."));
        }

        try
        {
            await operations.ConfirmSignUpAsync(http, request.Client, username, code).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            // The API's own words (e.g. "Invalid verification code provided, please try again."), on the form that keeps
            // the username and the parameters.
            return Form(http, antiforgery, request, new PageMessage(username, e.Message));
        }

        // Post/redirect/get: back to the sign-in form, which says the account is confirmed and keeps the username.
        return Results.Redirect(request.Link("/login", (UsernameField, username), (ConfirmedField, "true")));
    }

    public static async Task<IResult> ResendAsync(HttpContext http, PoolStore pools, IAntiforgery antiforgery, HostedUiOperations operations)
    {
        var (request, _, username, error) = await ReadAsync(http, pools, antiforgery).ConfigureAwait(false);
        if (request is null || error is not null)
        {
            return error!;
        }

        try
        {
            var sent = await operations.ResendConfirmationCodeAsync(http, request.Client, username).ConfigureAwait(false);
            var destination = sent["CodeDeliveryDetails"]?["Destination"]?.GetValue<string>();
            return Form(http, antiforgery, request, new PageMessage(username,
                Info: destination is null ? "We sent a new code." : $"We sent a new code to {destination}."));
        }
        catch (AwsServiceException e)
        {
            return Form(http, antiforgery, request, new PageMessage(username, e.Message));
        }
    }

    /// <summary>The posted confirmation form, checked like <c>/login</c>'s, with the username it must carry.</summary>
    private static async Task<(AuthorizeRequest? Request, OAuthForm? Form, string Username, IResult? Error)> ReadAsync(HttpContext http,
        PoolStore pools, IAntiforgery antiforgery)
    {
        var (request, form, error) = await SignInEndpoints.ReadPageFormAsync(http, pools, antiforgery, "confirmation").ConfigureAwait(false);
        if (request is null)
        {
            return (null, null, "", error!);
        }

        var username = form!.Fields[UsernameField].ToString();
        return (request, form, username, username.Length == 0 ? MissingUsername(request) : null);
    }

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, AuthorizeRequest request, PageMessage message)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return HostedUiPages.Confirm(request.Parameters, tokens.FormFieldName, tokens.RequestToken!, message, request.Link("/login"));
    }

    private static IResult MissingUsername(AuthorizeRequest request) =>
        HostedUiPages.Error(OAuth2Errors.InvalidRequest, "The confirmation page needs the username. Sign in again to get a new link.",
            request.Link("/login"));
}
