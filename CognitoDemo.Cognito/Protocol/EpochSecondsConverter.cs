using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoDemo.Cognito.Protocol;

/// <summary>
/// AWS JSON 1.1 timestamps: epoch seconds as a JSON number, possibly fractional or in exponent form
/// (<c>1688622979</c>, <c>1.688622979E9</c>).
/// </summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double seconds = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            // Some servers quote numbers; accept them rather than fail a sign-in over it.
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var quoted) => quoted,
            _ => throw new JsonException($"Expected epoch seconds as a number, found {reader.TokenType}."),
        };

        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > 253402300799d)
        {
            throw new JsonException($"Epoch seconds {seconds.ToString(CultureInfo.InvariantCulture)} is out of range.");
        }

        return DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000d));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var milliseconds = value.ToUnixTimeMilliseconds();
        if (milliseconds % 1000 == 0)
        {
            writer.WriteNumberValue(milliseconds / 1000);
        }
        else
        {
            writer.WriteNumberValue(milliseconds / 1000m);
        }
    }
}
