using System.Collections.Concurrent;
using System.Security.Cryptography;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary>What a token is for: Cognito signs ID and access tokens with different keys (protocol doc 5.1).</summary>
internal static class TokenUse
{
    public const string Id = "id";
    public const string Access = "access";
}

/// <summary>
/// Each pool's two RSA keys, generated on first use and persisted, so tokens stay valid across
/// restarts. The kid is the base64 SHA-256 of the modulus, shaped like Cognito's 44-character kids.
/// </summary>
internal sealed class SigningKeys(Database database)
{
    private readonly ConcurrentDictionary<(string PoolId, string Use), RsaSecurityKey> _cache = new();

    public RsaSecurityKey Get(string poolId, string use) => _cache.GetOrAdd((poolId, use), key => Load(key.PoolId, key.Use));

    public void Forget(string poolId)
    {
        _cache.TryRemove((poolId, TokenUse.Id), out _);
        _cache.TryRemove((poolId, TokenUse.Access), out _);
    }

    private RsaSecurityKey Load(string poolId, string use)
    {
        var stored = database.Write(c =>
        {
            var existing = c.Query("SELECT kid, private_key FROM signing_keys WHERE pool_id = $pool AND token_use = $use",
                r => (Kid: r.GetString(0), Key: (byte[])r[1]), ("$pool", poolId), ("$use", use));
            if (existing.Count > 0)
            {
                return existing[0];
            }

            using var rsa = RSA.Create(2048);
            var kid = Convert.ToBase64String(SHA256.HashData(rsa.ExportParameters(false).Modulus!));
            var pkcs8 = rsa.ExportPkcs8PrivateKey();
            c.Execute("INSERT INTO signing_keys (pool_id, token_use, kid, private_key) VALUES ($pool, $use, $kid, $key)",
                ("$pool", poolId), ("$use", use), ("$kid", kid), ("$key", pkcs8));
            return (Kid: kid, Key: pkcs8);
        });

        var imported = RSA.Create();
        imported.ImportPkcs8PrivateKey(stored.Key, out _);
        return new RsaSecurityKey(imported) { KeyId = stored.Kid };
    }
}
