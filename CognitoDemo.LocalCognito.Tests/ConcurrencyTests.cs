using CognitoDemo.LocalCognito.Tests.Support;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// Writes racing each other over HTTP (issue 15, "Lost updates and races"): an administrator's action is never undone
/// by the user's own attribute update, and the lockout is decided atomically with each password check.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Trials = 12;
    private readonly LocalCognitoApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<AwsResponse> UpdateNameAsync(string accessToken, string name) =>
        _app.CallAsync("UpdateUserAttributes", new
        {
            AccessToken = accessToken,
            UserAttributes = new object[] { new { Name = "name", Value = name } },
        });

    /// <summary>In each trial a fresh user renames themself twice while the administrator acts; then the action must hold.</summary>
    private async Task RaceAsync(Func<string, Task> adminAction, Func<string, int, Task> assertHeld)
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var username = $"user{trial}";
            await _app.SignUpConfirmedAsync(username);
            var accessToken = (await _app.TokensAsync(username))["AccessToken"].Text();

            await Task.WhenAll(UpdateNameAsync(accessToken, "renamed"), UpdateNameAsync(accessToken, "renamed again"), adminAction(username));

            await assertHeld(username, trial);
        }
    }

    [Fact]
    public Task AdminDisableRacingUpdateUserAttributesIsNeverUndone() => RaceAsync(
        username => _app.OkAsync("AdminDisableUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = username }),
        async (username, trial) =>
        {
            var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = username });
            Assert.False(user["Enabled"]!.GetValue<bool>(), $"trial {trial}: the user was enabled again");
        });

    [Fact]
    public Task AdminSetUserPasswordRacingUpdateUserAttributesIsNeverUndone() => RaceAsync(
        username => _app.OkAsync("AdminSetUserPassword", new
        {
            UserPoolId = LocalCognitoApp.PoolId, Username = username, Password = "set by the admin", Permanent = true,
        }),
        async (username, _) =>
        {
            (await _app.PasswordSignInAsync(username)).AssertError("NotAuthorizedException", "Incorrect username or password.");
            Assert.Null((await _app.PasswordSignInAsync(username, "set by the admin")).Type);
        });

    [Fact]
    public async Task AttributeUpdatesRacingEachOtherKeepEveryChangedAttribute()
    {
        await _app.SignUpConfirmedAsync("ada");
        var accessToken = (await _app.TokensAsync("ada"))["AccessToken"].Text();

        await Task.WhenAll(
            UpdateNameAsync(accessToken, "Ada"),
            _app.CallAsync("UpdateUserAttributes", new
            {
                AccessToken = accessToken, UserAttributes = new object[] { new { Name = "custom:location", Value = "Lyon" } },
            }),
            _app.OkAsync("AdminUpdateUserAttributes", new
            {
                UserPoolId = LocalCognitoApp.PoolId, Username = "ada", UserAttributes = new object[] { new { Name = "family_name", Value = "Lovelace" } },
            }));

        var user = await _app.OkAsync("AdminGetUser", new { UserPoolId = LocalCognitoApp.PoolId, Username = "ada" });
        var attributes = user["UserAttributes"]!.AsArray().ToDictionary(a => a!["Name"].Text(), a => a!["Value"].Text());
        Assert.Equal("Ada", attributes["name"]);
        Assert.Equal("Lyon", attributes["custom:location"]);
        Assert.Equal("Lovelace", attributes["family_name"]);
    }

    [Fact]
    public async Task FortyConcurrentWrongPasswordsGetFiveChecksBeforeTheLock()
    {
        await _app.SignUpConfirmedAsync("ada");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _app.PasswordSignInAsync("ada", "wrong password")));

        Assert.All(answers, a => Assert.Equal("NotAuthorizedException", a.Type));
        Assert.Equal(5, answers.Count(a => a.Message == "Incorrect username or password."));
        Assert.Equal(35, answers.Count(a => a.Message == "Password attempts exceeded"));
        (await _app.PasswordSignInAsync("ada")).AssertError("NotAuthorizedException", "Password attempts exceeded");
    }
}
