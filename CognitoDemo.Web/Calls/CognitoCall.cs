namespace CognitoDemo.Web.Calls;

/// <summary>A name and a shortened value the SRP note shows (A, B, the salt, the proof).</summary>
public sealed record SrpValue(string Name, string Value);

/// <summary>
/// One request to Cognito (or STS) as the panel shows it: already redacted, so it can be kept between
/// two requests and rendered without another look at the raw bodies.
/// </summary>
/// <param name="Service"><c>cognito-idp</c>, <c>cognito-identity</c>, <c>sts</c> or the Hosted UI.</param>
/// <param name="Operation">The operation as AWS's API reference names it.</param>
/// <param name="Variant">The flow of an <c>InitiateAuth</c> or the challenge of a <c>RespondToAuthChallenge</c>.</param>
/// <param name="Documentation">The operation's page in AWS's documentation.</param>
/// <param name="Source">The C# line that sent it.</param>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="DurationMilliseconds">From sending the request to reading the whole answer.</param>
/// <param name="RequestBody">The request body, redacted and formatted.</param>
/// <param name="ResponseBody">The answer's body, redacted and formatted.</param>
/// <param name="Srp">For the two SRP steps: the values exchanged, shortened.</param>
public sealed record CognitoCall(
    string Service,
    string Operation,
    string? Variant,
    Uri Documentation,
    SourceLine? Source,
    int Status,
    long DurationMilliseconds,
    string RequestBody,
    string ResponseBody,
    IReadOnlyList<SrpValue> Srp)
{
    /// <summary>How the panel names it: <c>sts:GetCallerIdentity</c> for STS, the bare operation otherwise.</summary>
    public string DisplayName => Service == CallCatalog.StsService ? "sts:" + Operation : Operation;

    public bool Succeeded => Status is >= 200 and < 300;
}
