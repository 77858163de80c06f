using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.Cognito;

/// <summary>
/// SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + client id))
/// (protocol doc, section 4). Required on every call that names a user when the app client has a secret.
/// </summary>
public static class SecretHash
{
    public static string Compute(string username, string clientId, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(username + clientId));
        return Convert.ToBase64String(mac);
    }
}
