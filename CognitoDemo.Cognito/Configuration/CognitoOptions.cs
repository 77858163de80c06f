namespace CognitoDemo.Cognito.Configuration;

/// <summary>
/// The app's view of Cognito: which user pool, app client and identity pool it uses, and where the
/// services are. Bound from the <c>Cognito</c> configuration section.
/// </summary>
public sealed class CognitoOptions
{
    public const string SectionName = "Cognito";

    /// <summary>AWS region, e.g. <c>us-west-2</c>. Defaults to the user pool id's region.</summary>
    public string? Region { get; set; }

    /// <summary>User pool id, e.g. <c>us-west-2_AbC123xyz</c>.</summary>
    public string? UserPoolId { get; set; }

    /// <summary>App client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>App client secret; only for clients created with a secret. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Identity pool id, e.g. <c>us-west-2:1699ebc0-7900-4099-b910-2df94f52a030</c>.</summary>
    public string? IdentityPoolId { get; set; }

    /// <summary>Hosted UI domain, e.g. <c>https://myapp.auth.us-west-2.amazoncognito.com</c>.</summary>
    public string? HostedUiDomain { get; set; }

    /// <summary>
    /// One URL serving the Cognito APIs instead of AWS's endpoints: Local Cognito, or any other emulator.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The region in effect: <see cref="Region"/>, else the part of the user pool id before '_'.</summary>
    public string? EffectiveRegion =>
        !string.IsNullOrWhiteSpace(Region) ? Region
        : UserPoolId is { } id && id.IndexOf('_', StringComparison.Ordinal) is > 0 and var i ? id[..i]
        : null;

    /// <summary>True when the app client has a secret configured.</summary>
    public bool HasClientSecret => !string.IsNullOrEmpty(ClientSecret);
}
