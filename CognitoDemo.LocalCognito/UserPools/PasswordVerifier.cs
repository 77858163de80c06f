using System.Numerics;
using System.Security.Cryptography;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// What the pool keeps instead of a password: a random salt and the SRP verifier v = g^x mod N, with
/// x computed from the pool name and the canonical user name (protocol doc 3.4 step 1). Both SRP and
/// USER_PASSWORD_AUTH check passwords against it.
/// </summary>
internal static class PasswordVerifier
{
    public static (string Salt, string Verifier) Enrol(string poolId, string username, string password)
    {
        var salt = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true);
        var verifier = Compute(poolId, username, password, salt);
        return (SrpEncoding.ToHex(salt), SrpEncoding.ToHex(verifier));
    }

    public static bool Matches(User user, string password)
    {
        if (user.Salt is null || user.Verifier is null)
        {
            return false;
        }

        var computed = Compute(user.PoolId, user.Username, password, SrpEncoding.FromHex(user.Salt));
        return CryptographicOperations.FixedTimeEquals(
            SrpEncoding.Pad(computed), SrpEncoding.Pad(SrpEncoding.FromHex(user.Verifier)));
    }

    private static BigInteger Compute(string poolId, string username, string password, BigInteger salt) =>
        SrpCalculations.Verifier(SrpCalculations.PrivateKey(SrpCalculations.PoolName(poolId), username, password, salt));
}

/// <summary>The server's side of one SRP exchange (protocol doc 3.4 steps 2–3).</summary>
internal static class SrpServer
{
    /// <summary>b and B = (k·v + g^b) mod N, retrying in the (astronomically unlikely) case B = 0.</summary>
    public static (BigInteger PrivateB, BigInteger PublicB) Start(BigInteger verifier)
    {
        while (true)
        {
            // b has SrpGroup.EphemeralExponentBits (256) bits: RFC 5054 section 2.5.4's minimum, which matches
            // the group's 128-bit strength; the schedule below is the same for every b of that length.
            var b = SrpGroup.RandomExponent();
            var publicB = SrpGroup.Reduce((SrpGroup.K * verifier) + SrpGroup.PowerOfG(b, SrpGroup.EphemeralExponentBits));
            if (!b.IsZero && !publicB.IsZero)
            {
                return (b, publicB);
            }
        }
    }

    /// <summary>
    /// Recomputes the client's PASSWORD_CLAIM_SIGNATURE: u = H(PAD(A)||PAD(B)), S = (A·v^u)^b mod N,
    /// key = HKDF(S, u), HMAC over poolName || userIdForSrp || secret block || TIMESTAMP as received.
    /// </summary>
    public static bool VerifyClaim(string poolId, string userIdForSrp, BigInteger verifier, BigInteger clientA,
        BigInteger privateB, BigInteger publicB, byte[] secretBlock, string timestamp, byte[] claimedSignature)
    {
        var u = SrpCalculations.Scrambler(clientA, publicB);
        if (u.IsZero)
        {
            return false;
        }

        // u is public (a hash of A and B); b is secret, so its exponentiation follows b's fixed length.
        var vu = SrpGroup.Arithmetic.ModPow(verifier, u, SrpGroup.HashBits);
        var s = SrpGroup.Arithmetic.ModPow(SrpGroup.Reduce(clientA * vu), privateB,
            Math.Max(SrpGroup.EphemeralExponentBits, (int)privateB.GetBitLength()));
        var key = SrpCalculations.DeriveKey(s, u);
        var expected = SrpCalculations.PasswordClaimSignature(key, SrpCalculations.PoolName(poolId), userIdForSrp,
            secretBlock, timestamp);
        return CryptographicOperations.FixedTimeEquals(expected, claimedSignature);
    }
}
