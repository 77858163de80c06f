using System.ComponentModel.DataAnnotations;

namespace CognitoDemo.Web.Pages;

/// <summary>A new password typed twice: the fields every page that sets a password shares.</summary>
public abstract class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(Cognito.FieldLimits.PasswordMaxLength, ErrorMessage = "A password has at most {1} characters.")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
