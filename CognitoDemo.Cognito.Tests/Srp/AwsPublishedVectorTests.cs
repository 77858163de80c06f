using System.Security.Cryptography;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.Cognito.Tests.Support;

namespace CognitoDemo.Cognito.Tests.Srp;

/// <summary>
/// Known answers from AWS's own .NET SRP client tests (aws/aws-sdk-net-extensions-cognito,
/// AuthenticationCryptoTests.cs; data in Vectors/aws-sdk-net-extensions-cognito.json), checked under
/// several cultures because AWS's client once broke under the Thai one.
/// </summary>
public sealed class AwsPublishedVectorTests
{
    [Fact]
    public void MultiplierKMatchesThePublishedConstant() =>
        Assert.Equal("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6", SrpEncoding.ToHex(SrpGroup.K));

    [Fact]
    public void GroupPrimeIsThe3072BitRfc3526Prime()
    {
        Assert.Equal(3072, (int)SrpGroup.N.GetBitLength());
        Assert.Equal(386, SrpEncoding.Pad(SrpGroup.N).Length + SrpEncoding.Pad(SrpGroup.G).Length);
    }

    [Theory]
    [MemberData(nameof(CultureScope.Awkward), MemberType = typeof(CultureScope))]
    public void PasswordAuthenticationKeyMatchesAwsVector(string culture)
    {
        using var _ = new CultureScope(culture);
        var v = Vectors.AwsNet;
        var session = SrpClientSession.FromPrivateValue(Vectors.AwsNetPrivateA);

        var key = session.DeriveKey(v.Str("poolName"), v.Str("username"), v.Str("password"), v.Hex("saltHex"),
            v.GetProperty("keyVector").Hex("srpBHex"));

        Assert.Equal("LmbBsy/4chqMRYOhmtmCrA==", Convert.ToBase64String(key));
    }

    [Theory]
    [MemberData(nameof(CultureScope.Awkward), MemberType = typeof(CultureScope))]
    public void PasswordClaimSignatureMatchesAwsVector(string culture)
    {
        using var _ = new CultureScope(culture);
        var v = Vectors.AwsNet;
        var claim = v.GetProperty("claimVector");
        var session = SrpClientSession.FromPrivateValue(Vectors.AwsNetPrivateA);
        var challenge = PasswordVerifierChallenge.Parse(v.Str("poolName"), new Dictionary<string, string>
        {
            ["SALT"] = v.Str("saltHex"),
            ["SRP_B"] = claim.Str("srpBHex"),
            ["SECRET_BLOCK"] = claim.Str("secretBlockBase64"),
            ["USERNAME"] = v.Str("username"),
            ["USER_ID_FOR_SRP"] = v.Str("username"),
        });

        var signature = session.ComputeClaimSignature(challenge, v.Str("password"), claim.Str("timestamp"));

        Assert.Equal("QwHbbUqF6DSSepJh2QqTWDCb1XjmqaxnnW5kDn5dz7E=", signature);
    }

    [Fact]
    public void ClaimSignatureChangesWithTheTimestamp()
    {
        var v = Vectors.AwsNet;
        var claim = v.GetProperty("claimVector");
        var session = SrpClientSession.FromPrivateValue(Vectors.AwsNetPrivateA);
        var challenge = PasswordVerifierChallenge.Parse(v.Str("poolName"), new Dictionary<string, string>
        {
            ["SALT"] = v.Str("saltHex"), ["SRP_B"] = claim.Str("srpBHex"),
            ["SECRET_BLOCK"] = claim.Str("secretBlockBase64"), ["USERNAME"] = "User5",
        });

        // The AWS test built its time in US Pacific time: the same instant at midnight UTC signs differently.
        Assert.NotEqual("QwHbbUqF6DSSepJh2QqTWDCb1XjmqaxnnW5kDn5dz7E=",
            session.ComputeClaimSignature(challenge, "Password1!", "Thu Jun 15 00:00:00 UTC 2017"));
    }

    [Theory]
    [MemberData(nameof(CultureScope.Awkward), MemberType = typeof(CultureScope))]
    public void SecretHashMatchesAwsVector(string culture)
    {
        using var _ = new CultureScope(culture);
        var v = Vectors.AwsNet.GetProperty("secretHash");

        Assert.Equal(v.Str("secretHashBase64"), SecretHash.Compute(v.Str("username"), v.Str("clientId"), v.Str("clientSecret")));
    }

    // RFC 5869 appendix A, test cases 1–3: the HKDF the derived key is built on.
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")]
    [InlineData(
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
        "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
        "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
        82,
        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87")]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")]
    public void HkdfMatchesRfc5869(string ikm, string salt, string info, int length, string prk, string okm)
    {
        var ikmBytes = Convert.FromHexString(ikm);
        var saltBytes = Convert.FromHexString(salt);

        Assert.Equal(prk, Convert.ToHexStringLower(HKDF.Extract(HashAlgorithmName.SHA256, ikmBytes, saltBytes)));
        Assert.Equal(okm, Convert.ToHexStringLower(
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikmBytes, length, saltBytes, Convert.FromHexString(info))));
    }
}
