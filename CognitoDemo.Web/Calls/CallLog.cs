using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace CognitoDemo.Web.Calls;

/// <summary>
/// The Cognito calls made for one visitor's request, plus those of the POST that redirected here.
/// A redirect's calls wait in server memory (already redacted) for <see cref="CarryFor"/> under a random
/// id held in a cookie: the cookie stays small, and only the browser that made the calls holds the id.
/// </summary>
public sealed class CallLog
{
    public const string CookieName = "CognitoDemo.Calls";

    /// <summary>How long a redirect's calls wait for the page the browser lands on.</summary>
    public static readonly TimeSpan CarryFor = TimeSpan.FromMinutes(1);

    private readonly HttpContext _context;
    private readonly IMemoryCache _store;
    private readonly List<CognitoCall> _calls = [];
    private readonly List<CognitoCall> _carried = [];
    private readonly Lock _gate = new();
    private bool _carriedTaken;

    private CallLog(HttpContext context)
    {
        _context = context;
        _store = context.RequestServices.GetRequiredService<IMemoryCache>();
    }

    /// <summary>The log of a request, created on first use.</summary>
    public static CallLog For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[typeof(CallLog)] is CallLog log)
        {
            return log;
        }

        log = new CallLog(context);
        context.Items[typeof(CallLog)] = log;
        return log;
    }

    public void Add(CognitoCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    /// <summary>The calls to show, in order: the redirecting request's first, then this request's.</summary>
    public IReadOnlyList<CognitoCall> Calls
    {
        get
        {
            TakeCarried();
            lock (_gate)
            {
                return [.. _carried, .. _calls];
            }
        }
    }

    /// <summary>The calls made for this request alone (not those carried from a redirect).</summary>
    public IReadOnlyList<CognitoCall> OwnCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Registers the hand-over of a redirect's calls; called once per request by the middleware.</summary>
    internal void HandOverOnRedirect()
    {
        _context.Response.OnStarting(() =>
        {
            var response = _context.Response;
            if (response.StatusCode is >= 300 and < 400)
            {
                var calls = Calls;
                if (calls.Count > 0)
                {
                    var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                    _store.Set(Key(id), calls, CarryFor);
                    response.Cookies.Append(CookieName, id, new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = _context.Request.IsHttps,
                        IsEssential = true,
                        MaxAge = CarryFor,
                    });
                }
            }
            else if (_carriedTaken)
            {
                response.Cookies.Delete(CookieName);
            }

            return Task.CompletedTask;
        });
    }

    private void TakeCarried()
    {
        lock (_gate)
        {
            if (_carriedTaken)
            {
                return;
            }

            _carriedTaken = true;
            if (_context.Request.Cookies[CookieName] is { Length: > 0 } id
                && _store.TryGetValue(Key(id), out IReadOnlyList<CognitoCall>? carried) && carried is not null)
            {
                _store.Remove(Key(id));
                _carried.AddRange(carried);
            }
        }
    }

    private static string Key(string id) => "cognito-calls:" + id;
}
