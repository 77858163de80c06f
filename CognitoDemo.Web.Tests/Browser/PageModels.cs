using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CognitoDemo.Web.Tests.Browser;

// Page models: what a user sees and does on each page, found by role and label only.

public sealed class SignUpPage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/Account/SignUp");
    public ILocator Username => page.GetByLabel("Username");
    public ILocator Email => page.GetByLabel("Email");
    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });
    public ILocator ConfirmPassword => page.GetByLabel("Confirm password");
    public ILocator Location => page.GetByLabel("Location");
    // The first toggle is the password's; the confirmation field has its own.
    public ILocator ShowPassword => page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).First;
    public ILocator HidePassword => page.GetByRole(AriaRole.Button, new() { Name = "Hide", Exact = true }).First;
    public ILocator Rules => page.GetByRole(AriaRole.List, new() { Name = "Password rules" });
    public ILocator Rule(string text) => Rules.GetByRole(AriaRole.Listitem).Filter(new() { HasText = text });

    public async Task SignUpAsync(string username, string email, string password, string location)
    {
        await OpenAsync();
        await Username.FillAsync(username);
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await ConfirmPassword.FillAsync(password);
        await Location.FillAsync(location);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
    }
}

public sealed class MailboxPage(IPage page, Uri localCognito)
{
    /// <summary>Opens Local Cognito's mailbox page and reads the newest code sent to <paramref name="email"/>.</summary>
    public async Task<string> LatestCodeAsync(string email)
    {
        await page.GotoAsync(new Uri(localCognito, "/mailbox").ToString());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).First;
        var code = (await row.GetByRole(AriaRole.Cell).Nth(4).InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", code);
        return code;
    }
}

public sealed class ConfirmPage(IPage page)
{
    public async Task ConfirmAsync(string username, string code)
    {
        await page.GotoAsync($"/Account/Confirm?username={Uri.EscapeDataString(username)}");
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
    }
}

public sealed class SignInPage(IPage page)
{
    public ILocator Username => page.GetByLabel("Username");
    public ILocator Password => page.GetByLabel("Password");
    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public Task OpenAsync(string? returnUrl = null) =>
        page.GotoAsync(returnUrl is null ? "/Account/SignIn" : $"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

    public async Task SignInAsync(string username, string password)
    {
        await OpenAsync();
        await Username.FillAsync(username);
        await Password.FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}

public sealed class ProfilePage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/Profile");
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Your profile" });
    public ILocator LocationField => page.GetByLabel("Location");

    /// <summary>The value shown for a term of the profile (its definition list, read as terms and definitions).</summary>
    public async Task<string> ValueOfAsync(string term)
    {
        var terms = await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Term).AllInnerTextsAsync();
        var definitions = await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Definition).AllInnerTextsAsync();
        var index = terms.Select(t => t.Trim()).ToList().IndexOf(term);
        return index >= 0 && index < definitions.Count ? definitions[index].Trim() : "";
    }

    public async Task ChangeLocationAsync(string location)
    {
        await LocationField.FillAsync(location);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save location" }).ClickAsync();
    }
}

public sealed class TokensPage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/Tokens");
    public ILocator IdClaims => page.GetByRole(AriaRole.Table, new() { Name = "Claims of the id token" });
    public ILocator AccessClaims => page.GetByRole(AriaRole.Table, new() { Name = "Claims of the access token" });
    public ILocator RefreshNow => page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" });

    /// <summary>The "Expires …" sentence of the ID token's section.</summary>
    public Task<string> IdTokenExpiryAsync() =>
        page.GetByRole(AriaRole.Region, new() { Name = "ID token" }).GetByText("Expires").InnerTextAsync();
}

public static class Header
{
    public static ILocator SignOut(IPage page) => page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Sign out") });
}
