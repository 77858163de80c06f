using System.Numerics;
using System.Text.Json;
using CognitoDemo.Cognito.Srp;

namespace CognitoDemo.Cognito.Tests.Support;

/// <summary>Published SRP test data, read from the files under Vectors/ (each names its source).</summary>
public static class Vectors
{
    public static JsonElement AwsNet { get; } = Load("aws-sdk-net-extensions-cognito.json");

    public static JsonElement Js { get; } = Load("amazon-cognito-identity-js.json");

    /// <summary>The private value of the AWS .NET vectors: 1023 bytes of 0x02 then 0x00, big-endian.</summary>
    public static BigInteger AwsNetPrivateA
    {
        get
        {
            var bytes = Enumerable.Repeat((byte)2, 1023).Append((byte)0).ToArray();
            return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        }
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static BigInteger Hex(this JsonElement element, string name) => SrpEncoding.FromHex(element.Str(name));

    public static IEnumerable<JsonElement> JsVectors => Js.GetProperty("vectors").EnumerateArray();

    public static TheoryData<string> JsVectorNames => [.. JsVectors.Select(v => v.Str("name"))];

    public static JsonElement JsVector(string name) => JsVectors.Single(v => v.Str("name") == name);

    private static JsonElement Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
