using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>The mailbox line is the one log line a code may appear in; nothing logs passwords or tokens.</summary>
public sealed class LoggingTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();
    private readonly LogRecorder _logs = new();
    private readonly WebApplicationFactory<Program> _logged;

    public LoggingTests() =>
        _logged = _app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs)));

    public void Dispose()
    {
        _logged.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task SecretsStayOutOfTheLogsAndCodesOnlyInTheMailboxLine()
    {
        using var client = _logged.CreateClient();
        async Task<string> CallAsync(string operation, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/");
            request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
            request.Content = new StringContent(json);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        await CallAsync("SignUp", """{"ClientId":"cognitodemopublicclient001","Username":"lou","Password":"pass phrase one","UserAttributes":[{"Name":"email","Value":"lou@example.com"}]}""");
        var mail = await client.GetStringAsync("/mailbox/messages?to=lou@example.com", TestContext.Current.CancellationToken);
        var code = System.Text.Json.Nodes.JsonNode.Parse(mail)![0]!["code"].Text();
        await CallAsync("ConfirmSignUp", $$"""{"ClientId":"cognitodemopublicclient001","Username":"lou","ConfirmationCode":"{{code}}"}""");
        var signIn = System.Text.Json.Nodes.JsonNode.Parse(await CallAsync("InitiateAuth",
            """{"ClientId":"cognitodemopublicclient001","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"lou","PASSWORD":"pass phrase one"}}"""))!;
        var access = signIn["AuthenticationResult"]!["AccessToken"].Text();
        var refresh = signIn["AuthenticationResult"]!["RefreshToken"].Text();
        await CallAsync("ChangePassword", $$"""{"AccessToken":"{{access}}","PreviousPassword":"pass phrase one","ProposedPassword":"pass phrase two"}""");
        await CallAsync("InitiateAuth", """{"ClientId":"cognitodemopublicclient001","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"lou","PASSWORD":"wrong phrase"}}""");

        var lines = _logs.Lines.ToList();
        Assert.NotEmpty(lines);
        var mailbox = Assert.Single(lines, l => l.Message.Contains(code, StringComparison.Ordinal));
        Assert.EndsWith(".Mailbox", mailbox.Category, StringComparison.Ordinal);
        foreach (var secret in (string[])["pass phrase one", "pass phrase two", "wrong phrase", access, refresh, access.Split('.')[2]])
        {
            Assert.DoesNotContain(lines, l => l.Message.Contains(secret, StringComparison.Ordinal));
        }

        Assert.All(lines.Where(l => l.Message.Contains(LocalCognitoApp.WebClientSecret, StringComparison.Ordinal)),
            l => Assert.EndsWith(".DefaultPool", l.Category, StringComparison.Ordinal));
    }
}
