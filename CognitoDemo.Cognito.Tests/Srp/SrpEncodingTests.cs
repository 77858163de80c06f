using System.Numerics;
using CognitoDemo.Cognito.Srp;
using CognitoDemo.Cognito.Tests.Support;

namespace CognitoDemo.Cognito.Tests.Srp;

public sealed class SrpEncodingTests
{
    [Theory]
    [InlineData("7f", "7f")]
    [InlineData("80", "0080")]
    [InlineData("ff", "00ff")]
    [InlineData("100", "0100")]
    [InlineData("00000abc", "0abc")]
    [InlineData("8000", "008000")]
    public void PadIsMinimalTwosComplementBigEndian(string hex, string padded) =>
        Assert.Equal(padded, Convert.ToHexStringLower(SrpEncoding.Pad(SrpEncoding.FromHex(hex))));

    [Theory]
    [InlineData("ABCDEF", "abcdef")]
    [InlineData("0ABCDEF", "abcdef")]
    [InlineData("000000ff", "ff")]
    [InlineData("f", "f")]
    public void HexIsReadInAnyCaseWithLeadingZerosAndWrittenLowerWithout(string input, string written) =>
        Assert.Equal(written, SrpEncoding.ToHex(SrpEncoding.FromHex(input)));

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("12 34")]
    public void MalformedHexIsAFormatError(string input) =>
        Assert.Throws<FormatException>(() => SrpEncoding.FromHex(input));

    [Fact]
    public void ReduceBringsNegativeDifferencesIntoRange()
    {
        Assert.Equal(SrpGroup.N - 5, SrpGroup.Reduce(new BigInteger(-5)));
        Assert.Equal(BigInteger.Zero, SrpGroup.Reduce(SrpGroup.N));
    }

    [Theory]
    [InlineData("us-east-1_Pj8nlkpKR", "Pj8nlkpKR")]
    [InlineData("eu-west-2_a_b", "a_b")]
    public void PoolNameIsWhatFollowsTheFirstUnderscore(string poolId, string name) =>
        Assert.Equal(name, SrpCalculations.PoolName(poolId));

    [Theory]
    [InlineData("nounderscore")]
    [InlineData("_leading")]
    [InlineData("trailing_")]
    public void PoolIdWithoutTwoPartsIsRefusedWithTheExpectedForm(string poolId)
    {
        var error = Assert.Throws<ArgumentException>(() => SrpCalculations.PoolName(poolId));
        Assert.Contains("us-east-1_AbC123xyz", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3q2+7w==")]
    [InlineData("3q2-7w")]
    [InlineData("3q2+7w")]
    public void SecretBlockIsDecodedFromStandardOrUrlSafeBase64(string text) =>
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, SrpCalculations.DecodeSecretBlock(text));

    [Theory]
    [MemberData(nameof(CultureScope.Awkward), MemberType = typeof(CultureScope))]
    public void TimestampIsEnglishUtcWithAnUnpaddedDay(string culture)
    {
        using var _ = new CultureScope(culture);

        Assert.Equal("Mon Jan 5 09:03:07 UTC 2026", SrpTimestamp.ToWire(new DateTimeOffset(2026, 1, 5, 9, 3, 7, TimeSpan.Zero)));
        Assert.Equal("Thu Jun 15 07:00:00 UTC 2017", SrpTimestamp.ToWire(new DateTimeOffset(2017, 6, 15, 0, 0, 0, TimeSpan.FromHours(-7))));
        Assert.True(SrpTimestamp.TryParse("Mon Jan 5 09:03:07 UTC 2026", out var parsed));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 3, 7, TimeSpan.Zero), parsed);
    }

    [Fact]
    public void ChallengeWithoutSaltIsRefusedByName()
    {
        var error = Assert.Throws<SrpException>(() => PasswordVerifierChallenge.Parse("pool",
            new Dictionary<string, string> { ["SRP_B"] = "ab", ["SECRET_BLOCK"] = "AAAA", ["USERNAME"] = "u" }));
        Assert.Contains("SALT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChallengeWithMalformedValuesIsAnSrpError() =>
        Assert.Throws<SrpException>(() => PasswordVerifierChallenge.Parse("pool", new Dictionary<string, string>
        {
            ["SALT"] = "not-hex", ["SRP_B"] = "ab", ["SECRET_BLOCK"] = "AAAA", ["USERNAME"] = "u",
        }));

    [Fact]
    public void ServerValueBOfZeroModNIsRefused()
    {
        var session = SrpClientSession.Create();

        Assert.Throws<SrpException>(() => session.DeriveKey("pool", "user", "pw", BigInteger.One, SrpGroup.N));
        Assert.Throws<SrpException>(() => session.DeriveKey("pool", "user", "pw", BigInteger.One, BigInteger.Zero));
    }

    [Fact]
    public void FreshSessionsHaveDifferentPublicValuesInRange()
    {
        var first = SrpClientSession.Create();
        var second = SrpClientSession.Create();

        Assert.NotEqual(first.PublicValue, second.PublicValue);
        Assert.InRange(first.PublicValue, BigInteger.One, SrpGroup.N - 1);
    }
}
