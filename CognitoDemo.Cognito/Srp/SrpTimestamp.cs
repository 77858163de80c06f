using System.Globalization;

namespace CognitoDemo.Cognito.Srp;

/// <summary>
/// The TIMESTAMP of a PASSWORD_VERIFIER answer: <c>EEE MMM d HH:mm:ss UTC yyyy</c> in English with the
/// day not zero-padded, e.g. <c>Mon Jan 5 09:03:07 UTC 2026</c> (protocol doc, section 3.3 step 9).
/// Always formatted with the invariant culture: AWS's own .NET client once sent Thai-calendar years.
/// </summary>
public static class SrpTimestamp
{
    /// <summary>The .NET format string of the timestamp.</summary>
    public const string Format = "ddd MMM d HH:mm:ss 'UTC' yyyy";

    /// <summary>Formats an instant as Cognito expects.</summary>
    public static string ToWire(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses a timestamp in the wire format, whatever the current culture.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        instant = default;
        return false;
    }
}
