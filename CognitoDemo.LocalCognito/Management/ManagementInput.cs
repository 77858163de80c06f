using System.Globalization;
using System.Text;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using CognitoDemo.LocalCognito.UserPools;

namespace CognitoDemo.LocalCognito.Management;

/// <summary>What every management operation reads the same way: the pool, the user, enums and pages.</summary>
internal static class ManagementInput
{
    public static UserPool FindPool(PoolStore pools, AwsRequest input)
    {
        var poolId = input.RequiredString("UserPoolId", 1, 55, Patterns.UserPoolId());
        return pools.Find(poolId) ?? throw AwsServiceException.ResourceNotFound($"User pool {poolId} does not exist.");
    }

    public static (UserPool Pool, User User) FindUser(PoolStore pools, UserStore users, AwsRequest input)
    {
        var pool = FindPool(pools, input);
        var username = input.RequiredString("Username", 1, 128, Patterns.Username());
        return (pool, users.Find(pool, username) ?? throw AwsServiceException.UserNotFound());
    }

    /// <summary>Values of an enum member at <paramref name="member"/> (its path); a list is quoted whole, as AWS quotes it.</summary>
    public static void CheckEnum(string member, IReadOnlyCollection<string> values, IEnumerable<string> allowed, bool list = false)
    {
        var set = allowed.ToList();
        var wrong = values.FirstOrDefault(v => !set.Contains(v, StringComparer.Ordinal));
        if (wrong is not null)
        {
            throw list
                ? ModelValidation.Violation(member, ModelValidation.ListText(values),
                    $"Member must satisfy constraint: [{ModelValidation.EnumConstraint(set)}]")
                : ModelValidation.Violation(member, wrong, ModelValidation.EnumConstraint(set));
        }
    }

    /// <summary>Opaque pagination: the next offset, base64-encoded.</summary>
    public static (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> all, int size, string? token)
    {
        var offset = 0;
        if (token is not null)
        {
            try
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw AwsServiceException.InvalidParameter("Invalid pagination token.");
            }
            catch (OverflowException)
            {
                throw AwsServiceException.InvalidParameter("Invalid pagination token.");
            }

            if (offset < 0)
            {
                throw AwsServiceException.InvalidParameter("Invalid pagination token.");
            }
        }

        var page = all.Skip(offset).Take(size).ToList();
        var next = offset + size < all.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + size).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }
}
