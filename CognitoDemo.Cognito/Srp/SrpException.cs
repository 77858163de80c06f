namespace CognitoDemo.Cognito.Srp;

/// <summary>The server's SRP challenge cannot be answered: malformed or unsafe values.</summary>
public sealed class SrpException : CognitoException
{
    public SrpException(string message) : base(message) { }

    public SrpException(string message, Exception innerException) : base(message, innerException) { }
}
