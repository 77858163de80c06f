using System.Text.Json.Nodes;

namespace CognitoDemo.LocalCognito.Protocol;

/// <summary>What an operation sees of its request.</summary>
/// <param name="Input">The JSON body's members.</param>
/// <param name="BaseUrl">Scheme, host and port the caller used; token issuers are built from it.</param>
/// <param name="Cancellation">Aborted when the caller goes away.</param>
/// <param name="Region">The region new pools are created in: the SigV4 credential scope's, else the configured one.</param>
internal sealed record OperationContext(AwsRequest Input, string BaseUrl, string Region, CancellationToken Cancellation);

internal delegate Task<JsonObject> OperationHandler(OperationContext context);

/// <summary>The operations Local Cognito answers, by name; feature classes register theirs.</summary>
internal sealed class OperationTable
{
    private readonly Dictionary<string, OperationHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>A user pools operation (<c>AWSCognitoIdentityProviderService.{operation}</c>).</summary>
    public void Add(string operation, OperationHandler handler) => Add(CognitoIdp.TargetPrefix, operation, handler);

    /// <summary>An operation of another service sharing <c>POST /</c>, e.g. Cognito Identity.</summary>
    public void Add(string targetPrefix, string operation, OperationHandler handler) =>
        _handlers.Add($"{targetPrefix}.{operation}", handler);

    /// <summary>The handler of a whole <c>X-Amz-Target</c> value.</summary>
    public bool TryGet(string target, out OperationHandler handler) =>
        _handlers.TryGetValue(target, out handler!);

    public IReadOnlyCollection<string> Names => _handlers.Keys;
}

/// <summary>A feature that contributes operations to the table.</summary>
internal interface IOperationGroup
{
    void Register(OperationTable table);
}
