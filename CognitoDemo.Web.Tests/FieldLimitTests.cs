using System.Text.RegularExpressions;
using CognitoDemo.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Tests;

/// <summary>Every field's limit is the pool's (or Cognito's), the message states it, and the input's maxlength matches.</summary>
public sealed class FieldLimitTests
{
    [Fact]
    public async Task ALocationLongerThanThePoolsSchemaAllowsIsRefusedWithTheLimitAndNothingIsLost()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();
        var form = await browser.GetAsync("/Account/SignUp");

        var page = await browser.SignUpAsync(username, email, location: new string('x', 257));

        Assert.Equal("/Account/SignUp", page.Path);
        Assert.Equal("A location has at most 256 characters.", page.FieldError("Input.Location"));
        Assert.Equal(username, page.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("value"));
        Assert.Equal("256", form.Document.QuerySelector("input[name='Input.Location']")?.GetAttribute("maxlength"));
        Assert.Equal("128", form.Document.QuerySelector("input[name='Input.Username']")?.GetAttribute("maxlength"));
        Assert.All(form.Document.QuerySelectorAll("input[type=password]"), i => Assert.Equal("256", i.GetAttribute("maxlength")));
        Assert.Equal("/Account/Confirm", (await browser.SignUpAsync(username, email, location: new string('x', 256))).Path);
    }

    [Fact]
    public async Task TheProfileFormUsesThePoolsLimitToo()
    {
        await using var app = new CognitoDemoApp();
        using var browser = app.Browser();
        await browser.SignedInUserAsync(app);
        var profile = await browser.GetAsync("/Profile");

        var page = await browser.SubmitAsync(profile, new Dictionary<string, string> { ["Input.Location"] = new string('y', 257) });

        Assert.Equal("256", profile.Document.QuerySelector("input[name='Input.Location']")?.GetAttribute("maxlength"));
        Assert.Equal("A location has at most 256 characters.", page.FieldError("Input.Location"));
    }

    [Fact]
    public async Task InLocalModeTheLimitIsTheOneOfThePoolLocalCognitoBuilds()
    {
        await using var app = new PoolWithShortLocations();
        using var browser = app.Browser();
        var (username, email) = Journeys.NewUser();

        var page = await browser.SignUpAsync(username, email, location: new string('x', 41));

        Assert.Equal("A location has at most 40 characters.", page.FieldError("Input.Location"));
        Assert.Equal("40", page.Document.QuerySelector("input[name='Input.Location']")?.GetAttribute("maxlength"));
    }

    [Fact]
    public void TheDefaultIsTheTemplatesSchema()
    {
        var template = File.ReadAllText(Path.Combine(Repository.Root, "infra", "cognito-demo.yaml"));
        var location = Regex.Match(template, @"- Name: location\s[\s\S]*?MaxLength: ""(\d+)""");

        Assert.True(location.Success);
        Assert.Equal(new CognitoDemo.Web.Cognito.FieldLimits().LocationMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), location.Groups[1].Value);
        Assert.Equal(new CognitoDemo.LocalCognito.DefaultPoolOptions().LocationMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), location.Groups[1].Value);
    }

    [Fact]
    public async Task AnImpossibleConfiguredLimitStopsTheStartWithTheReason()
    {
        await using var app = new AwsModeApp(new Uri("http://127.0.0.1:9/"),
            new Dictionary<string, string?> { ["Cognito:FieldLimits:LocationMaxLength"] = "4096" });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetService(typeof(TimeProvider)));

        Assert.Contains("Cognito:FieldLimits:LocationMaxLength must be between 1 and 2048 (the user pool schema's MaxLength for custom:location), but was 4096.",
            error.Message, StringComparison.Ordinal);
    }

    private sealed class PoolWithShortLocations : CognitoDemoApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["LocalCognito:DefaultPool:LocationMaxLength"] = "40",
        };
    }
}
