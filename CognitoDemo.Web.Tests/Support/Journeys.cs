namespace CognitoDemo.Web.Tests.Support;

/// <summary>The user journeys tests build on, each done through the real pages.</summary>
public static class Journeys
{
    private static int _counter;

    /// <summary>A user name and address no other test uses.</summary>
    public static (string Username, string Email) NewUser(string prefix = "user")
    {
        var n = Interlocked.Increment(ref _counter);
        var name = $"{prefix}{n}{Guid.NewGuid().ToString("N")[..6]}";
        return (name, $"{name}@example.com");
    }

    public static async Task<Page> SignUpAsync(this Browser browser, string username, string email, string password = "correct horse",
        string location = "Lisbon", string? confirmPassword = null)
    {
        var page = await browser.GetAsync("/Account/SignUp");
        return await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmPassword ?? password,
            ["Input.Location"] = location,
        });
    }

    public static async Task<Page> ConfirmAsync(this Browser browser, CognitoDemoApp app, string username, string email)
    {
        var page = await browser.GetAsync($"/Account/Confirm?username={Uri.EscapeDataString(username)}");
        return await browser.SubmitAsync(page, new Dictionary<string, string> { ["Input.Code"] = await app.LatestCodeAsync(email) });
    }

    public static async Task<Page> SignInAsync(this Browser browser, string username, string password = "correct horse", string? returnUrl = null)
    {
        var page = await browser.GetAsync(returnUrl is null ? "/Account/SignIn" : $"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        return await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Signs up, confirms with the mailbox code and signs in: a ready, signed-in user.</summary>
    public static async Task<(string Username, string Email)> SignedInUserAsync(this Browser browser, CognitoDemoApp app,
        string password = "correct horse", string location = "Lisbon")
    {
        var (username, email) = NewUser();
        await browser.SignUpAsync(username, email, password, location);
        await browser.ConfirmAsync(app, username, email);
        var page = await browser.SignInAsync(username, password);
        if (page.Path != "/")
        {
            throw new InvalidOperationException($"sign-in ended on {page.Path}: {page.FormErrors}");
        }

        return (username, email);
    }
}
