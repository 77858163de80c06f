using System.Collections.Concurrent;
using System.Net;
using CognitoDemo.LocalCognito.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CognitoDemo.LocalCognito.Tests;

/// <summary>
/// SIGKILL of the standalone executable while several clients are writing: every write it acknowledged
/// (a user signed up, a pool created) is there after a restart, and the SQLite file passes
/// <c>PRAGMA integrity_check</c> (the store runs WAL with <c>synchronous=FULL</c>).
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Writers = 6;
    private const int AcknowledgedBeforeKill = 60;
    private readonly string _dataPath = LocalCognitoApp.NewDataPath();

    public void Dispose() => LocalCognitoApp.DeleteData(_dataPath);

    [Fact]
    public async Task KillNineWithWritesInFlightLosesNoAcknowledgedWriteAndLeavesAnIntactDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = new ConcurrentBag<string>();
        var pools = new ConcurrentBag<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;

        using (var first = await LocalCognitoProcess.StartAsync(_dataPath, ct))
        {
            async Task WriteUntilKilledAsync(int writer)
            {
                for (var i = 0; ; i++)
                {
                    var username = $"w{writer}n{i}";
                    Interlocked.Increment(ref attempts);
                    try
                    {
                        using var response = i % 5 == 4
                            ? await first.CallAsync("CreateUserPool", $$"""{"PoolName":"{{username}}"}""", ct)
                            : await first.CallAsync("SignUp", $$"""
                                {"ClientId":"{{LocalCognitoApp.PublicClientId}}","Username":"{{username}}","Password":"correct horse",
                                 "UserAttributes":[{"Name":"email","Value":"{{username}}@example.com"}]}
                                """, ct);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException($"{username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                        }

                        if (i % 5 == 4)
                        {
                            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
                            pools.Add(body["UserPool"]!["Id"]!.GetValue<string>());
                        }
                        else
                        {
                            users.Add(username);
                        }

                        if (users.Count + pools.Count >= AcknowledgedBeforeKill)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the process is gone: this write was never acknowledged
                    }
                }
            }

            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteUntilKilledAsync(w), ct)).ToArray();
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
            first.KillNine();
            await Task.WhenAll(writers);
        }

        Assert.True(attempts > users.Count + pools.Count, "no write was in flight at the kill");
        Assert.Equal("ok", IntegrityCheck(_dataPath));

        using var second = await LocalCognitoProcess.StartAsync(_dataPath, ct);
        foreach (var username in users)
        {
            using var found = await second.CallAsync("AdminGetUser", $$"""{"UserPoolId":"{{LocalCognitoApp.PoolId}}","Username":"{{username}}"}""", ct);
            Assert.True(found.StatusCode == HttpStatusCode.OK, $"acknowledged sign-up of {username} lost: {await found.Content.ReadAsStringAsync(ct)}");
        }

        foreach (var pool in pools)
        {
            using var found = await second.CallAsync("DescribeUserPool", $$"""{"UserPoolId":"{{pool}}"}""", ct);
            Assert.True(found.StatusCode == HttpStatusCode.OK, $"acknowledged pool {pool} lost: {await found.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>Opened as the crashed process left it (WAL recovery happens on open).</summary>
    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
