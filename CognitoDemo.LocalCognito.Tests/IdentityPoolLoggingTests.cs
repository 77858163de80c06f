using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>Secrets Local Cognito hands out or receives never reach a log line, at any level.</summary>
public sealed class IdentityPoolLoggingTests
{
    [Fact]
    public async Task NoSecretKeySessionTokenOrIdTokenIsEverLogged()
    {
        var recorder = new LogRecorder();
        await using var local = await KestrelLocalCognito.StartAsync(builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(recorder);
        });

        var idToken = await local.SignedInIdTokenAsync("ada");
        var credentials = await local.CredentialsAsync(idToken);
        var secret = credentials["SecretKey"].Text();
        var sessionToken = credentials["SessionToken"].Text();
        using (var sts = new AmazonSecurityTokenServiceClient(new SessionAWSCredentials(credentials["AccessKeyId"].Text(), secret, sessionToken),
                   new AmazonSecurityTokenServiceConfig { ServiceURL = local.Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }))
        {
            await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);
        }

        var lines = recorder.Lines.Select(l => l.ToString()).ToArray();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, line => line.Contains("default identity pool", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(sessionToken, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(idToken, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(idToken.Split('.')[2], StringComparison.Ordinal));
    }
}
