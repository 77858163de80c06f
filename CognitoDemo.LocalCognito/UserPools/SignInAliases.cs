using System.Text.RegularExpressions;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>
/// E-mail addresses and phone numbers that sign a user in (issue 15, differences 3 and 4). In a pool with
/// <c>UsernameAttributes</c> the address or number given as Username is the user's sign-in name and the user is named by
/// its <c>sub</c>; with <c>AliasAttributes</c> a verified address or number signs its user in. Either way one user holds a
/// value: "only one user can hold the email address value as the email_verified attribute" (AWS knowledge center,
/// cognito-email-verified-attribute); an unverified alias signs nobody in and is held by nobody.
/// </summary>
internal static partial class SignInAliases
{
    public static readonly string[] Attributes = [UserAttributes.Email, UserAttributes.PhoneNumber];

    /// <summary>
    /// The attribute a Username stands for in a pool with UsernameAttributes (SignUp, AdminCreateUser), or null in a pool
    /// whose user names are free. A name of neither kind is refused in AWS's words.
    /// </summary>
    public static string? UsernameAttribute(UserPool pool, string username)
    {
        var allowed = pool.Settings.UsernameAttributes;
        if (allowed.Count == 0)
        {
            return null;
        }

        if (allowed.Contains(UserAttributes.Email, StringComparer.Ordinal) && PoolRules.IsEmail(username))
        {
            return UserAttributes.Email;
        }

        if (allowed.Contains(UserAttributes.PhoneNumber, StringComparer.Ordinal) && IsPhoneNumber(username))
        {
            return UserAttributes.PhoneNumber;
        }

        throw AwsServiceException.InvalidParameter(
            allowed.Count > 1 ? "Username should be either an email or a phone number."
            : allowed[0] == UserAttributes.Email ? "Username should be an email."
            : "Username should be a phone number.");
    }

    /// <summary>"An account with the given email already exists." (AWS's answer for a held address or number.)</summary>
    public static AwsServiceException Taken(string code, string attribute) =>
        new(code, $"An account with the given {attribute} already exists.");

    /// <summary>
    /// Refuses (<paramref name="code"/>: AliasExistsException, or UsernameExistsException where AWS answers so) when a value
    /// among <paramref name="changed"/> sign-in attributes that this user would hold is held by another user.
    /// </summary>
    public static void CheckFree(UserStore users, UserPool pool, string? self, IReadOnlyDictionary<string, string> attributes,
        IEnumerable<string> changed, string code)
    {
        var changedSet = changed.ToHashSet(StringComparer.Ordinal);
        foreach (var attribute in Attributes)
        {
            if (!changedSet.Contains(attribute) && !changedSet.Contains(attribute + "_verified"))
            {
                continue;
            }

            if (!attributes.TryGetValue(attribute, out var value) || value.Length == 0 || !Holds(pool, attribute, attributes))
            {
                continue;
            }

            var holder = users.FindHolder(pool, attribute, value);
            if (holder is not null && holder.Sub != self)
            {
                throw Taken(code, attribute);
            }
        }
    }

    /// <summary>
    /// A user's alias becoming verified (ConfirmSignUp, VerifyUserAttribute): refused with AliasExistsException while another
    /// user holds it or, with ForceAliasCreation, taken from that user, whose copy is no longer verified ("A value of true
    /// migrates the alias from an existing user to the new user", ConfirmSignUp API reference).
    /// </summary>
    public static void Claim(UserStore users, UserPool pool, string self, IReadOnlyDictionary<string, string> attributes, bool force,
        DateTimeOffset now)
    {
        foreach (var attribute in Attributes.Where(a => pool.Settings.AliasAttributes.Contains(a, StringComparer.Ordinal)))
        {
            if (!attributes.TryGetValue(attribute, out var value) || !Holds(pool, attribute, attributes)
                || users.FindHolder(pool, attribute, value) is not { } holder || holder.Sub == self)
            {
                continue;
            }

            if (!force)
            {
                throw Taken(ErrorCodes.AliasExists, attribute);
            }

            var released = new Dictionary<string, string>(holder.Attributes) { [attribute + "_verified"] = "false" };
            users.Update(holder, holder with { Attributes = released, ModifiedAt = now });
        }
    }

    /// <summary>Whether a user with these attributes holds the value of <paramref name="attribute"/> for sign-in.</summary>
    public static bool Holds(UserPool pool, string attribute, IReadOnlyDictionary<string, string> attributes) =>
        pool.Settings.UsernameAttributes.Contains(attribute, StringComparer.Ordinal)
        || (pool.Settings.AliasAttributes.Contains(attribute, StringComparer.Ordinal)
            && attributes.GetValueOrDefault(attribute + "_verified") == "true");

    /// <summary>E.164: a plus sign and up to 15 digits, the first not zero (phone_number, OpenID Connect standard claims).</summary>
    public static bool IsPhoneNumber(string value) => PhoneNumberPattern().IsMatch(value);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex PhoneNumberPattern();
}
