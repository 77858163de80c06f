using CognitoDemo.LocalCognito.Storage;

namespace CognitoDemo.LocalCognito.UserPools;

/// <summary>What the sign-in gate decided; each protocol words it in its own error language.</summary>
internal enum SignInVerdict
{
    /// <summary>Tokens may be issued.</summary>
    Admitted,

    /// <summary>The password is right but was temporary (FORCE_CHANGE_PASSWORD): a new one must be chosen first.</summary>
    NewPasswordRequired,

    /// <summary>Too many failed attempts; refused before the password is even checked.</summary>
    Locked,

    WrongPassword,
    Disabled,
    Unconfirmed,
    ResetRequired,
    TemporaryPasswordExpired,
}

/// <summary>
/// The one sign-in gate of a user pool, for every way in (InitiateAuth, RespondToAuthChallenge, the Hosted UI's
/// form, and the admin flows): the lockout after five failures (checked before the password, so a locked account
/// learns nothing), the failure counter, then the account state once the password is proven: disabled,
/// unconfirmed, reset required, temporary password expired or still to be replaced.
/// </summary>
internal sealed class SignInGate(UserStore users, TimeProvider time)
{
    public bool IsLocked(User user) => user.LockedUntil is { } until && until > time.GetUtcNow();

    /// <summary>
    /// The whole gate: lockout, the password proof (<paramref name="proves"/>), then <see cref="Admit"/>. The lock, the
    /// proof and the failure count are decided together in one store transaction (<see cref="UserStore.Attempt"/>).
    /// </summary>
    public SignInVerdict SignIn(User user, Func<User, bool> proves)
    {
        var (outcome, current) = users.Attempt(user, proves, time.GetUtcNow());
        return outcome switch
        {
            SignInAttempt.Locked => SignInVerdict.Locked,
            SignInAttempt.WrongPassword => SignInVerdict.WrongPassword,
            _ => Admit(current),
        };
    }

    /// <summary>After the password is proven: the failure counter starts again, then the account state decides.</summary>
    public SignInVerdict Admit(User user)
    {
        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            users.ResetFailedSignIns(user);
        }

        if (!user.Enabled)
        {
            return SignInVerdict.Disabled;
        }

        return user.Status switch
        {
            UserStatus.Unconfirmed => SignInVerdict.Unconfirmed,
            UserStatus.ResetRequired => SignInVerdict.ResetRequired,
            UserStatus.ForceChangePassword when user.TemporaryPasswordExpiresAt <= time.GetUtcNow() => SignInVerdict.TemporaryPasswordExpired,
            UserStatus.ForceChangePassword => SignInVerdict.NewPasswordRequired,
            _ => SignInVerdict.Admitted,
        };
    }
}
