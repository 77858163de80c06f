using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CognitoDemo.Web.Calls;

/// <summary>What the panel shows of a member's value.</summary>
public enum Redaction
{
    /// <summary>Shown as it is.</summary>
    None,

    /// <summary>Replaced by a fixed mask: not even its length is shown (passwords, codes).</summary>
    Mask,

    /// <summary>Its first and last characters and its length (tokens, SRP numbers, SECRET_HASH).</summary>
    Shorten,

    /// <summary>Never shown in any form (the secret access key, the client secret).</summary>
    Hide,
}

/// <summary>
/// The one place that decides what of a Cognito request or answer may be shown on a page: a table of
/// member names (JSON members, <c>AuthParameters</c>/<c>ChallengeResponses</c> keys, form fields of
/// <c>/oauth2/token</c> and STS, XML elements). Any other string that looks like a JWT is shortened too,
/// whatever its name, so a token under a name this table does not know still cannot leak.
/// </summary>
public static partial class CallRedactor
{
    public const string Masked = "••••••••";

    public const string Hidden = "(never shown)";

    /// <summary>Member name → rule. Names follow the AWS API models and RFC 6749/7636 (case-sensitive, as on the wire).</summary>
    public static readonly IReadOnlyDictionary<string, Redaction> Rules = new Dictionary<string, Redaction>(StringComparer.Ordinal)
    {
        // Passwords and one-time codes: nothing of them.
        ["Password"] = Redaction.Mask,
        ["PreviousPassword"] = Redaction.Mask,
        ["ProposedPassword"] = Redaction.Mask,
        ["PASSWORD"] = Redaction.Mask,
        ["NEW_PASSWORD"] = Redaction.Mask,
        ["ConfirmationCode"] = Redaction.Mask,
        ["UserCode"] = Redaction.Mask,
        ["SMS_MFA_CODE"] = Redaction.Mask,
        ["SOFTWARE_TOKEN_MFA_CODE"] = Redaction.Mask,
        ["EMAIL_OTP_CODE"] = Redaction.Mask,
        ["ANSWER"] = Redaction.Mask,
        ["code"] = Redaction.Mask,
        ["code_verifier"] = Redaction.Mask,
        ["password"] = Redaction.Mask,

        // Tokens and the SRP exchange: recognisable, not usable.
        ["AccessToken"] = Redaction.Shorten,
        ["IdToken"] = Redaction.Shorten,
        ["RefreshToken"] = Redaction.Shorten,
        ["REFRESH_TOKEN"] = Redaction.Shorten,
        ["Token"] = Redaction.Shorten,
        ["Session"] = Redaction.Shorten,
        ["SessionToken"] = Redaction.Shorten,
        ["X-Amz-Security-Token"] = Redaction.Shorten,
        ["Logins"] = Redaction.Shorten,
        ["SecretHash"] = Redaction.Shorten,
        ["SECRET_HASH"] = Redaction.Shorten,
        ["SRP_A"] = Redaction.Shorten,
        ["SRP_B"] = Redaction.Shorten,
        ["SALT"] = Redaction.Shorten,
        ["SECRET_BLOCK"] = Redaction.Shorten,
        ["PASSWORD_CLAIM_SECRET_BLOCK"] = Redaction.Shorten,
        ["PASSWORD_CLAIM_SIGNATURE"] = Redaction.Shorten,
        ["DEVICE_KEY"] = Redaction.Shorten,
        ["access_token"] = Redaction.Shorten,
        ["id_token"] = Redaction.Shorten,
        ["refresh_token"] = Redaction.Shorten,

        // Never shown.
        ["SecretKey"] = Redaction.Hide,
        ["SecretAccessKey"] = Redaction.Hide,
        ["ClientSecret"] = Redaction.Hide,
        ["client_secret"] = Redaction.Hide,
        ["Authorization"] = Redaction.Hide,
    };

    /// <summary>The rule for a member name.</summary>
    public static Redaction RuleFor(string name) => Rules.TryGetValue(name, out var rule) ? rule : Redaction.None;

    /// <summary>One value under a rule.</summary>
    public static string Apply(Redaction rule, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return rule switch
        {
            Redaction.Mask => Masked,
            Redaction.Hide => Hidden,
            Redaction.Shorten => Shorten(value),
            _ => LooksLikeJwt().IsMatch(value) ? Shorten(value) : value,
        };
    }

    /// <summary>First six and last four characters and the length: <c>eyJraW…Xw9A (812 chars)</c>. Short values are masked whole.</summary>
    public static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 20
            ? Masked
            : string.Create(CultureInfo.InvariantCulture, $"{value[..6]}…{value[^4..]} ({value.Length} chars)");
    }

    /// <summary>
    /// A body as the panel shows it: JSON indented, form-encoded bodies as a JSON object of their fields,
    /// XML indented; every member redacted by <see cref="Rules"/>. Anything else is not shown.
    /// </summary>
    public static string Body(string? body, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return Indented(Redact(JsonNode.Parse(body)));
            }
            catch (JsonException)
            {
                return "(a body that is not valid JSON, not shown)";
            }
        }

        if (trimmed.StartsWith('<'))
        {
            return Xml(body);
        }

        if (mediaType is "application/x-www-form-urlencoded" || body.Contains('=', StringComparison.Ordinal))
        {
            var form = new JsonObject();
            foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                form[name] = Apply(RuleFor(name), value);
            }

            return Indented(form);
        }

        return "(a body in another format, not shown)";
    }

    private static JsonNode? Redact(JsonNode? node, Redaction inherited = Redaction.None)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var rule = RuleFor(name);
                    obj[name] = Redact(child, rule == Redaction.None ? inherited : rule);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Redact(array[i]?.DeepClone(), inherited);
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(Apply(inherited, value.GetValue<string>()));
            case JsonValue value when inherited is Redaction.Mask or Redaction.Hide:
                return JsonValue.Create(Apply(inherited, value.ToJsonString()));
            default:
                return node;
        }
    }

    private static string Xml(string body)
    {
        try
        {
            var document = XDocument.Parse(body);
            foreach (var element in document.Descendants().Where(e => !e.HasElements).ToList())
            {
                element.Value = Apply(RuleFor(element.Name.LocalName), element.Value);
            }

            return document.ToString(SaveOptions.None);
        }
        catch (XmlException)
        {
            return "(a body that is not valid XML, not shown)";
        }
    }

    private static readonly JsonSerializerOptions IndentedOptions = new()
    {
        WriteIndented = true,
        // The panel is HTML-encoded by Razor; here only readability matters (no \u0022 for quotes).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Indented(JsonNode? node) => node?.ToJsonString(IndentedOptions) ?? "null";

    [GeneratedRegex(@"^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeJwt();
}
