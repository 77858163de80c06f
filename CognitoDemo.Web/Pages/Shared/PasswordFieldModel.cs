using CognitoDemo.Web.Cognito;

namespace CognitoDemo.Web.Pages;

/// <summary>A password input with its show/hide toggle and the pool's rules as a live checklist.</summary>
public sealed record PasswordFieldModel(string Name, string Label, PasswordPolicy Policy, string Autocomplete);
