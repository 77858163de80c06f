using System.Security.Cryptography;
using System.Text;
using CognitoDemo.LocalCognito.IdentityPools;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>What STS needs to verify a request signed with issued credentials.</summary>
internal sealed record StoredCredential(
    string AccessKeyId, string SecretKey, string SessionTokenHash, DateTimeOffset Expiration, string IdentityId, string RoleArn)
{
    /// <summary>The key as the SigV4 verifier takes it: session token and expiry checked with the signature.</summary>
    public Signing.SigningCredential Signing => new(AccessKeyId, SecretKey, SessionTokenHash, Expiration);
}

/// <summary>
/// Temporary credentials issued by GetCredentialsForIdentity. A SigV4 verifier needs the secret itself,
/// so it cannot be hashed: it is encrypted with AES-GCM under a key kept in the store (bound to its access
/// key id as associated data). The session token only needs comparing, so only its SHA-256 is kept.
/// </summary>
internal sealed class CredentialStore
{
    /// <summary>Used by <see cref="IdentityPoolStore.Delete"/> inside its transaction.</summary>
    public const string DeleteForPoolSql =
        "DELETE FROM issued_credentials WHERE identity_id IN (SELECT id FROM identities WHERE pool_id = $pool)";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Database _database;
    private readonly byte[] _key;

    public CredentialStore(Database database)
    {
        _database = database;
        _key = database.Write(c =>
        {
            c.Execute("INSERT OR IGNORE INTO credential_encryption_key (id, key) VALUES (1, $key)",
                ("$key", RandomNumberGenerator.GetBytes(32)));
            return c.Query("SELECT key FROM credential_encryption_key WHERE id = 1", r => (byte[])r[0])[0];
        });
    }

    public static string HashSessionToken(string sessionToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionToken)));

    public void Insert(IssuedCredentials credentials) => _database.Write(c => c.Execute(
        """
        INSERT INTO issued_credentials (access_key_id, identity_id, role_arn, secret, session_token_hash, expires_at)
        VALUES ($key, $identity, $role, $secret, $token, $expires)
        """,
        ("$key", credentials.AccessKeyId), ("$identity", credentials.IdentityId), ("$role", credentials.RoleArn),
        ("$secret", Encrypt(credentials.AccessKeyId, credentials.SecretKey)),
        ("$token", HashSessionToken(credentials.SessionToken)),
        ("$expires", credentials.Expiration.ToUnixTimeMilliseconds())));

    public StoredCredential? Find(string accessKeyId) => _database.Read(c => c.QuerySingle(
        """
        SELECT access_key_id, identity_id, role_arn, secret, session_token_hash, expires_at
        FROM issued_credentials WHERE access_key_id = $key
        """,
        r => new StoredCredential(r.GetString(0), Decrypt(r.GetString(0), (byte[])r[3]), r.GetString(4),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetString(1), r.GetString(2)),
        ("$key", accessKeyId)));

    private byte[] Encrypt(string accessKeyId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var stored = new byte[NonceSize + TagSize + plain.Length];
        var nonce = stored.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize),
            Encoding.UTF8.GetBytes(accessKeyId));
        return stored;
    }

    private string Decrypt(string accessKeyId, byte[] stored)
    {
        var plain = new byte[stored.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize), plain,
            Encoding.UTF8.GetBytes(accessKeyId));
        return Encoding.UTF8.GetString(plain);
    }
}
