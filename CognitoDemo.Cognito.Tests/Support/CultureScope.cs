using System.Globalization;

namespace CognitoDemo.Cognito.Tests.Support;

/// <summary>Runs code under another current culture and restores the previous one.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>Cultures that broke AWS's own clients or that format numbers and dates differently.</summary>
    public static TheoryData<string> Awkward => new() { "en-US", "th-TH", "ar-SA", "fa-IR", "de-DE", "tr-TR" };

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
