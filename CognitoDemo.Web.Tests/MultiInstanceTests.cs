using System.Collections.Concurrent;
using System.Net;
using CognitoDemo.LocalCognito;
using CognitoDemo.LocalCognito.IdentityPools;
using CognitoDemo.Web.Diagnostics;
using CognitoDemo.Web.Hosting;
using CognitoDemo.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CognitoDemo.Web.Tests;

/// <summary>
/// Two instances of the app behind one (imagined) load balancer, each on its own Kestrel port, sharing a
/// real Redis (<c>Redis:Configuration</c>) and one Local Cognito: a session made on one is served by the
/// other, with the credentials the first got, and sign-out leaves nothing of the user in Redis.
/// </summary>
public sealed class MultiInstanceTests
{
    /// <summary>Counts the operations Local Cognito answers, by <c>X-Amz-Target</c>.</summary>
    private sealed class OperationCounter : IStartupFilter
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

        public int this[string operation] => Calls.GetValueOrDefault("AWSCognitoIdentityService." + operation);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers["X-Amz-Target"].ToString() is { Length: > 0 } target)
                {
                    Calls.AddOrUpdate(target, 1, (_, n) => n + 1);
                }

                return following(http);
            });
            next(app);
        };
    }

    /// <summary>One instance on its own port, with its own key folder: without Redis it could not read the other's cookies.</summary>
    private static (AwsModeApp App, Uri Url) Instance(Uri localCognito, RedisServer redis, string keysPath)
    {
        var app = new AwsModeApp(localCognito, new Dictionary<string, string?>
        {
            [SharedRedis.ConfigurationKey] = redis.Configuration,
            ["DataProtection:KeysPath"] = keysPath,
            ["Cognito:IdentityPoolId"] = new DefaultIdentityPoolOptions().IdentityPoolId,
        });
        var port = AwsMode.FreePort();
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        return (app, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static Support.Browser BrowserOn(Uri instance, CookieContainer cookies) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = instance });

    [Fact]
    public async Task SecondInstanceServesTheSessionAndTheCachedCredentialsAndSignOutLeavesNothingInRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        using var folder = new TempFolder("cognitodemo-multi-instance-");
        var data = new DirectoryInfo(folder.Path);
        var localCognitoUrl = new Uri($"http://127.0.0.1:{AwsMode.FreePort()}/");
        var operations = new OperationCounter();
        await using var localCognito = LocalCognitoHost.Create(
            ["--LocalCognito:Url", localCognitoUrl.ToString(), "--LocalCognito:DataPath", Path.Combine(data.FullName, "lc.db")],
            builder => builder.Services.AddSingleton<IStartupFilter>(operations));
        await localCognito.StartAsync(TestContext.Current.CancellationToken);
        var (first, firstUrl) = Instance(localCognitoUrl, redis, data.CreateSubdirectory("keys-first").FullName);
        await using var _ = first;
        var (second, secondUrl) = Instance(localCognitoUrl, redis, data.CreateSubdirectory("keys-second").FullName);
        await using var __ = second;
        var cookies = new CookieContainer();
        using var onFirst = BrowserOn(firstUrl, cookies);
        using var onSecond = BrowserOn(secondUrl, cookies);

        await onFirst.SignedInUserAsync(first);
        var credentialsOnFirst = await onFirst.GetAsync("/Credentials");
        var sub = (await onFirst.GetAsync("/Profile")).TestId("sub")!;
        var exchanges = (operations["GetId"], operations["GetCredentialsForIdentity"]);
        var credentialsOnSecond = await onSecond.GetAsync("/Credentials");

        Assert.Equal(secondUrl.Port, credentialsOnSecond.Url.Port);
        Assert.Equal("/Credentials", credentialsOnSecond.Path);
        Assert.Matches("^ASIA", credentialsOnFirst.TestId("access-key-id"));
        Assert.Equal(credentialsOnFirst.TestId("access-key-id"), credentialsOnSecond.TestId("access-key-id"));
        Assert.Equal((1, 1), exchanges);
        Assert.Equal(exchanges, (operations["GetId"], operations["GetCredentialsForIdentity"]));
        Assert.Equal(sub, (await onSecond.GetAsync("/Profile")).TestId("sub"));
        Assert.Empty(data.GetFiles("*.xml", SearchOption.AllDirectories));

        using var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var cached = await RedisContentsAsync(client);
        Assert.Contains($"{SharedRedis.KeyPrefix}credentials:{sub}", cached.Keys);
        Assert.NotEmpty(cached[SharedRedis.DataProtectionKeysKey]);
        // Cached, but encrypted: neither the key id nor the secret can be read in Redis.
        Assert.DoesNotContain(cached.Values, value => value.Contains(credentialsOnFirst.TestId("access-key-id")!, StringComparison.Ordinal));
        Assert.DoesNotContain(cached.Values, value => value.Contains(credentialsOnFirst.TestId("secret-key")!, StringComparison.Ordinal));

        var signedOut = await onSecond.SubmitFormAsync(await onSecond.GetAsync("/"), "header form");

        Assert.Equal("/", signedOut.Path);
        Assert.Equal("/Account/SignIn", (await onFirst.GetAsync("/Credentials")).Path);
        var left = await RedisContentsAsync(client);
        Assert.Equal([SharedRedis.DataProtectionKeysKey], left.Keys);
        Assert.DoesNotContain(sub, left.Values.Single(), StringComparison.Ordinal);
    }

    private sealed class RedisApp(string configuration) : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [SharedRedis.ConfigurationKey] = configuration };
    }

    [Fact]
    public async Task DiagnosticsSaysRedisAnswersAndExplainsWhenItGoesDown()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = new RedisApp(redis.Configuration);
        using var browser = app.Browser();

        var up = DiagnosticsTests.Checks(await browser.GetAsync("/diagnostics"))[RedisCheck.Name];
        await redis.StopAsync();
        var down = DiagnosticsTests.Checks(await browser.GetAsync("/diagnostics"))[RedisCheck.Name];

        Assert.Equal("Ok", up.Status);
        Assert.Contains($"Redis at {redis.Configuration} answers", up.Text, StringComparison.Ordinal);
        Assert.Equal("Problem", down.Status);
        Assert.Contains($"Redis at {redis.Configuration} cannot be reached", down.Text, StringComparison.Ordinal);
        Assert.Contains("Check that Redis is running and Redis:Configuration", down.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiagnosticsExplainsARedisThatWasNeverReachableWithoutShowingItsPassword()
    {
        var nobody = $"127.0.0.1:{AwsMode.FreePort()}";
        await using var app = new RedisApp($"{nobody},password=redis-password-never-shown,connectTimeout=500,syncTimeout=500,asyncTimeout=500");
        using var browser = app.Browser();

        var page = await browser.GetAsync("/diagnostics");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var check = DiagnosticsTests.Checks(page)[RedisCheck.Name];
        Assert.Equal("Problem", check.Status);
        Assert.Contains($"Redis at {nobody} cannot be reached", check.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("redis-password-never-shown", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenRedisGoesDownCredentialsAreStillShownAndSignOutStillWorks()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new LogCapture();
        await using var app = new RedisApp($"{redis.Configuration},syncTimeout=500,asyncTimeout=500") { Logs = logs };
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var cached = await browser.GetAsync("/Credentials");
        await redis.StopAsync();

        var withoutCache = await browser.GetAsync("/Credentials");
        var signedOut = await browser.SubmitFormAsync(withoutCache, "header form");

        Assert.Matches("^ASIA", cached.TestId("access-key-id"));
        Assert.Equal(HttpStatusCode.OK, withoutCache.Status);
        Assert.Matches("^ASIA", withoutCache.TestId("access-key-id"));
        Assert.Equal("/", signedOut.Path);
        Assert.Equal("/Account/SignIn", (await browser.GetAsync("/Profile")).Path);
        foreach (var operation in (string[])["read", "write", "remove"])
        {
            Assert.Contains(logs.Lines, line => line.Contains($"The credentials cache could not {operation} an entry", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WithoutRedisDiagnosticsHasNoRedisRow()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();

        var checks = DiagnosticsTests.Checks(await browser.GetAsync("/diagnostics"));

        Assert.Contains("Configuration", checks.Keys);
        Assert.DoesNotContain(RedisCheck.Name, checks.Keys);
    }

    /// <summary>Every key in Redis with its whole value as text (a list's or hash's items joined).</summary>
    private static async Task<Dictionary<string, string>> RedisContentsAsync(ConnectionMultiplexer client)
    {
        var database = client.GetDatabase();
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in client.GetServers().Single().Keys(pattern: "*"))
        {
            contents[key!] = await database.KeyTypeAsync(key) switch
            {
                RedisType.String => (await database.StringGetAsync(key)).ToString(),
                RedisType.List => string.Join("\n", await database.ListRangeAsync(key)),
                RedisType.Hash => string.Join("\n", (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                var other => throw new InvalidOperationException($"unexpected {other} at {key}"),
            };
        }

        return contents;
    }
}
