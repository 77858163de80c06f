using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Cognito.IdentityPools;
using CognitoDemo.Cognito.UserPools;

namespace CognitoDemo.Cognito.Tests.Support;

/// <summary>Clients wired to a handler, with the options of a typical app client with a secret.</summary>
public static class Clients
{
    public const string Region = "us-west-2";
    public const string UserPoolId = "us-west-2_Pj8nlkpKR";
    public const string ClientId = "6npouauc8jt1fioujvblmvpise";
    public const string ClientSecret = "1k4bq8p0mbe3r7qnuvd1m5cb0pjg7n5c3ke0d3v2m1sb3c0s2hj";
    public const string IdentityPoolId = "us-west-2:1699ebc0-7900-4099-b910-2df94f52a030";

    public static CognitoOptions Options(bool withSecret = true, Uri? serviceUrl = null) => new()
    {
        Region = Region,
        UserPoolId = UserPoolId,
        ClientId = ClientId,
        ClientSecret = withSecret ? ClientSecret : null,
        IdentityPoolId = IdentityPoolId,
        ServiceUrl = serviceUrl,
    };

    public static UserPoolClient UserPool(HttpMessageHandler handler, CognitoOptions? options = null) =>
        new(new HttpClient(handler), Microsoft.Extensions.Options.Options.Create(options ?? Options()));

    public static IdentityPoolClient IdentityPool(HttpMessageHandler handler, CognitoOptions? options = null) =>
        new(new HttpClient(handler), Microsoft.Extensions.Options.Options.Create(options ?? Options()));

    public static SrpAuthenticator Srp(HttpMessageHandler handler, TimeProvider time, CognitoOptions? options = null)
    {
        var opts = Microsoft.Extensions.Options.Options.Create(options ?? Options());
        return new SrpAuthenticator(new UserPoolClient(new HttpClient(handler), opts), opts, time);
    }
}
