using Amazon.Runtime;

namespace CognitoDemo.Web.Calls;

/// <summary>
/// The AWS SDK for .NET's hook for its HTTP client (<c>ClientConfig.HttpClientFactory</c>): the STS client
/// gets an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> whose pipeline holds
/// <see cref="CallRecordingHandler"/>, so <c>sts:GetCallerIdentity</c> is recorded like the Cognito calls.
/// </summary>
public sealed class RecordingAwsHttpClientFactory(IHttpClientFactory factory) : Amazon.Runtime.HttpClientFactory
{
    public const string ClientName = "CognitoDemo.Sts";

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => factory.CreateClient(ClientName);

    // IHttpClientFactory pools the handlers; the SDK must neither cache nor dispose what it is given.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
