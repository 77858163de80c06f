using System.Text.Json.Nodes;
using CognitoDemo.Cognito;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.UserPools;
using Microsoft.Extensions.Options;

namespace CognitoDemo.LocalCognito.HostedUi;

/// <summary>
/// The Hosted UI's way into the user pool operations: the same handlers the JSON API dispatches (one operation table
/// built from the same <see cref="IOperationGroup"/>s), called in-process, so a page behaves exactly as the API does.
/// The Hosted UI runs on the server and is trusted with the client's secret, so it computes <c>SECRET_HASH</c> itself
/// (AWS "Computing secret hash values"), as Cognito's own managed login does for a client with a secret.
/// </summary>
internal sealed class HostedUiOperations
{
    private readonly OperationTable _operations = new();
    private readonly string _region;

    public HostedUiOperations(IEnumerable<IOperationGroup> groups, IOptions<LocalCognitoOptions> options)
    {
        foreach (var group in groups)
        {
            group.Register(_operations);
        }

        _region = options.Value.Region;
    }

    /// <summary>ConfirmSignUp for this client and user; refusals are the API's <see cref="AwsServiceException"/>.</summary>
    public Task<JsonObject> ConfirmSignUpAsync(HttpContext http, AppClient client, string username, string code)
    {
        var input = ForUser(client, username);
        input["ConfirmationCode"] = code;
        return CallAsync(http, Operations.ConfirmSignUp, input);
    }

    /// <summary>ResendConfirmationCode for this client and user; the answer holds <c>CodeDeliveryDetails</c>.</summary>
    public Task<JsonObject> ResendConfirmationCodeAsync(HttpContext http, AppClient client, string username) =>
        CallAsync(http, Operations.ResendConfirmationCode, ForUser(client, username));

    private static JsonObject ForUser(AppClient client, string username)
    {
        var input = new JsonObject { ["ClientId"] = client.Id, ["Username"] = username };
        if (client.HasSecret)
        {
            input["SecretHash"] = SecretHash.Compute(username, client.Id, client.Secret!);
        }

        return input;
    }

    private Task<JsonObject> CallAsync(HttpContext http, string operation, JsonObject input)
    {
        if (!_operations.TryGet($"{CognitoIdp.TargetPrefix}.{operation}", out var handler))
        {
            throw new InvalidOperationException($"{operation} is not registered.");
        }

        return handler(new OperationContext(new AwsRequest(input), $"{http.Request.Scheme}://{http.Request.Host}", _region,
            http.RequestAborted));
    }
}
