using System.Numerics;

namespace CognitoDemo.Cognito.Srp;

/// <summary>
/// One client side of one SRP exchange: the private value a and public value A = g^a mod N, and the
/// PASSWORD_VERIFIER answer computed from the server's challenge (protocol doc, section 3.3).
/// </summary>
public sealed class SrpClientSession
{
    private readonly BigInteger _privateValue;
    // The public bound on a's length that the exponentiations' schedule follows (not a's actual length).
    private readonly int _privateValueBits;

    private SrpClientSession(BigInteger privateValue, int privateValueBits)
    {
        _privateValue = privateValue;
        _privateValueBits = privateValueBits;
        PublicValue = SrpGroup.PowerOfG(privateValue, privateValueBits);
        if (SrpGroup.Reduce(PublicValue).IsZero)
        {
            throw new ArgumentException("The private value gives A = 0 mod N; pick another.", nameof(privateValue));
        }
    }

    /// <summary>A = g^a mod N.</summary>
    public BigInteger PublicValue { get; }

    /// <summary>SRP_A as sent on the wire: lower-case hex.</summary>
    public string PublicValueHex => SrpEncoding.ToHex(PublicValue);

    /// <summary>
    /// A new session with a random 256-bit private value (<see cref="SrpGroup.EphemeralExponentBits"/>
    /// says why that size).
    /// </summary>
    public static SrpClientSession Create()
    {
        while (true)
        {
            var a = SrpGroup.RandomExponent();
            if (!a.IsZero)
            {
                return new SrpClientSession(a, SrpGroup.EphemeralExponentBits);
            }
        }
    }

    /// <summary>A session with a chosen private value; for known-answer tests only.</summary>
    public static SrpClientSession FromPrivateValue(BigInteger privateValue)
    {
        if (privateValue.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(privateValue), "The private value must be positive.");
        }

        // A chosen value is known to the caller, so its own length may set the schedule.
        return new SrpClientSession(privateValue, Math.Max(SrpGroup.EphemeralExponentBits, (int)privateValue.GetBitLength()));
    }

    /// <summary>
    /// The derived key for a password, given the server's salt and B:
    /// S = (B − k·g^x)^(a + u·x) mod N, then HKDF (section 3.3 steps 5–8).
    /// </summary>
    /// <exception cref="SrpException">B is 0 mod N or u is 0: the challenge is unusable.</exception>
    public byte[] DeriveKey(string poolName, string userIdForSrp, string password, BigInteger salt, BigInteger serverPublic)
    {
        if (SrpGroup.Reduce(serverPublic).IsZero)
        {
            throw new SrpException("The server's SRP_B is 0 mod N; the challenge cannot be answered safely.");
        }

        var u = SrpCalculations.Scrambler(PublicValue, serverPublic);
        if (u.IsZero)
        {
            throw new SrpException("The SRP scrambler u is 0; the challenge cannot be answered safely.");
        }

        var x = SrpCalculations.PrivateKey(poolName, userIdForSrp, password, salt);
        var gx = SrpGroup.PowerOfG(x, SrpGroup.HashBits);
        var @base = SrpGroup.Reduce(serverPublic - (SrpGroup.K * gx));
        // a + u·x < 2^aBits + 2^512, so one bit more than the longer of the two bounds the schedule.
        var exponent = _privateValue + (u * x);
        var exponentBits = Math.Max(_privateValueBits, 2 * SrpGroup.HashBits) + 1;
        var s = SrpGroup.Arithmetic.ModPow(@base, exponent, exponentBits);
        return SrpCalculations.DeriveKey(s, u);
    }

    /// <summary>PASSWORD_CLAIM_SIGNATURE (base64) for the challenge parameters and a timestamp.</summary>
    public string ComputeClaimSignature(PasswordVerifierChallenge challenge, string password, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var key = DeriveKey(challenge.PoolName, challenge.UserIdForSrp, password, challenge.Salt, challenge.ServerPublic);
        var signature = SrpCalculations.PasswordClaimSignature(
            key, challenge.PoolName, challenge.UserIdForSrp, challenge.SecretBlockBytes, timestamp);
        return Convert.ToBase64String(signature);
    }
}
