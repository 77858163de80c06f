namespace CognitoDemo.Web.Cognito;

/// <summary>
/// The user pool's password rules, shown as a checklist and checked before Cognito is asked. The
/// defaults are the seed's (step 4.3: any eight characters); Cognito enforces the real policy anyway.
/// Bound from <c>Cognito:PasswordPolicy</c>, because reading a pool's policy needs signed AWS calls.
/// </summary>
public sealed class PasswordPolicy
{
    public int MinimumLength { get; set; } = 8;
    public bool RequireLowercase { get; set; }
    public bool RequireUppercase { get; set; }
    public bool RequireNumbers { get; set; }
    public bool RequireSymbols { get; set; }

    // Cognito's symbol set (AWS docs, "user pool password policies").
    private const string Symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    /// <summary>Each rule with whether <paramref name="password"/> meets it.</summary>
    public IReadOnlyList<PasswordRule> Rules(string? password)
    {
        password ??= "";
        var rules = new List<PasswordRule>
        {
            new("length", $"At least {MinimumLength} characters", password.Length >= MinimumLength),
        };
        if (RequireLowercase)
        {
            rules.Add(new("lower", "A lower-case letter", password.Any(char.IsLower)));
        }

        if (RequireUppercase)
        {
            rules.Add(new("upper", "An upper-case letter", password.Any(char.IsUpper)));
        }

        if (RequireNumbers)
        {
            rules.Add(new("number", "A number", password.Any(char.IsAsciiDigit)));
        }

        if (RequireSymbols)
        {
            rules.Add(new("symbol", "A symbol", password.Any(c => Symbols.Contains(c, StringComparison.Ordinal))));
        }

        return rules;
    }

    /// <summary>The first rule the password breaks, worded for the user, or null when it meets them all.</summary>
    public string? FirstBroken(string? password) =>
        Rules(password).FirstOrDefault(r => !r.Met) is { } rule ? $"The password needs: {rule.Text.ToLowerInvariant()}." : null;
}

/// <summary>One password rule, for the checklist; <see cref="Id"/> ties it to the browser's live check.</summary>
public sealed record PasswordRule(string Id, string Text, bool Met);
