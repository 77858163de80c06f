using System.Security.Cryptography;
using System.Text;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>What checking a code found.</summary>
internal enum CodeCheck
{
    Accepted,
    Mismatch,
    Expired,
    Missing,
    TooManyAttempts,
}

/// <summary>
/// One-time codes, one live code per user and purpose: a new code replaces the old one, a right code is
/// consumed, an expired one is removed, and after <see cref="MaxFailedAttempts"/> wrong tries the code
/// accepts nothing more.
/// </summary>
internal sealed class CodeStore(Database database)
{
    public const int MaxFailedAttempts = 5;

    public void Issue(string poolId, string sub, string purpose, string code, DateTimeOffset expiresAt) =>
        database.Write(c => c.Execute(
            """
            INSERT INTO codes (pool_id, sub, purpose, code, expires_at, failed_attempts) VALUES ($pool, $sub, $purpose, $code, $expires, 0)
            ON CONFLICT (pool_id, sub, purpose) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at, failed_attempts = 0
            """,
            ("$pool", poolId), ("$sub", sub), ("$purpose", purpose), ("$code", code), ("$expires", expiresAt.ToUnixTimeMilliseconds())));

    public CodeCheck Consume(string poolId, string sub, string purpose, string code, DateTimeOffset now) => database.Write(c =>
    {
        (string, object?)[] key = [("$pool", poolId), ("$sub", sub), ("$purpose", purpose)];
        var row = c.Query("SELECT code, expires_at, failed_attempts FROM codes WHERE pool_id = $pool AND sub = $sub AND purpose = $purpose",
            r => (Code: r.GetString(0), ExpiresAt: r.GetInt64(1), Failed: r.GetInt32(2)), key);
        if (row.Count == 0)
        {
            return CodeCheck.Missing;
        }

        var stored = row[0];
        if (stored.Failed >= MaxFailedAttempts)
        {
            return CodeCheck.TooManyAttempts;
        }

        if (now.ToUnixTimeMilliseconds() >= stored.ExpiresAt)
        {
            c.Execute("DELETE FROM codes WHERE pool_id = $pool AND sub = $sub AND purpose = $purpose", key);
            return CodeCheck.Expired;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored.Code), Encoding.UTF8.GetBytes(code)))
        {
            c.Execute("UPDATE codes SET failed_attempts = failed_attempts + 1 WHERE pool_id = $pool AND sub = $sub AND purpose = $purpose", key);
            return CodeCheck.Mismatch;
        }

        c.Execute("DELETE FROM codes WHERE pool_id = $pool AND sub = $sub AND purpose = $purpose", key);
        return CodeCheck.Accepted;
    });

    /// <summary>A fresh six-digit code.</summary>
    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a code is for; each has its own lifetime.</summary>
internal static class CodePurpose
{
    public const string SignUp = "sign-up";
    public const string ResetPassword = "reset-password";
    public const string VerifyEmail = "verify-email";

    public static TimeSpan Lifetime(string purpose) => purpose == ResetPassword ? TimeSpan.FromHours(1) : TimeSpan.FromHours(24);
}
