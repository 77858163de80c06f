using System.Net;
using System.Text;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// JSON text that parses but cannot become .NET strings (an escaped lone surrogate, bytes that are not
/// UTF-8), in a member value or a property name, is the client's mistake on every operation: a 400
/// SerializationException in AWS's shape, and no stack trace in the log.
/// </summary>
public sealed class MalformedTextTests : IDisposable
{
    private readonly LocalCognitoApp _app = new();
    private readonly LogRecorder _logs = new();
    private readonly WebApplicationFactory<Program> _logged;

    public MalformedTextTests() =>
        _logged = _app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs)));

    public void Dispose()
    {
        _logged.Dispose();
        _app.Dispose();
    }

    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "escaped lone surrogate in a value", Encoding.ASCII.GetBytes("""{"ClientId":"\ud800","Username":"\udc00x","UserPoolId":"\ud800","IdentityPoolId":"\ud800","AccessToken":"\ud800","MaxResults":5}""") },
        { "escaped lone surrogate in a property name", Encoding.ASCII.GetBytes("""{"\ud800":"x","MaxResults":5}""") },
        { "escaped lone surrogate in a nested map", Encoding.ASCII.GetBytes("""{"AuthParameters":{"USERNAME":"\ud800"},"Logins":{"\udfff":"t"},"UserAttributes":[{"Name":"\ud800","Value":"x"}]}""") },
        { "invalid UTF-8 in a value", [.. "{\"ClientId\":\""u8, 0xC3, 0x28, .. "\",\"MaxResults\":5}"u8] },
        { "invalid UTF-8 in a property name", [.. "{\""u8, 0xFF, 0xFE, .. "\":\"x\",\"MaxResults\":5}"u8] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task IsASerializationExceptionOnEveryOperationWithoutAStackTrace(string what, byte[] body)
    {
        var operations = _logged.Services.GetOperationTargets();
        Assert.NotEmpty(operations);
        using var client = LocalCognitoApp.SigningClient(_logged, _app.Time);
        foreach (var target in operations)
        {
            var response = await client.SendRawAsync(target, body);
            Assert.True(response.Status == HttpStatusCode.BadRequest && response.Type == "SerializationException",
                $"{target} answered {(int)response.Status} {response.Body.ToJsonString()} to {what}");
            response.AssertError("SerializationException");
        }

        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Message.Contains("Exception:", StringComparison.Ordinal));
    }
}
