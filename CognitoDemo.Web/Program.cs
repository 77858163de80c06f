using CognitoDemo.Cognito.Configuration;
using CognitoDemo.Web;
using Microsoft.Extensions.Options;
using CognitoDemo.Web.Calls;
using CognitoDemo.Web.Cognito;
using CognitoDemo.Web.Diagnostics;
using CognitoDemo.Web.Journey;
using CognitoDemo.Web.Users;

var builder = WebApplication.CreateBuilder(args);

builder.AddCognito();
builder.AddCognitoSession();
builder.AddCognitoRateLimits();
builder.AddUsersPage();
builder.Services.AddRazorPages().AddMvcOptions(options => options.Filters.AddService<RateLimitFilter>());
builder.AddProductionHosting();
builder.Services.AddAntiforgery(options => options.Cookie.Name = "CognitoDemo.Antiforgery");

var app = builder.Build();
app.LogConfigurationProblems();

app.UseProductionHosting();

// A friendly page for anything unexpected, in every environment: no stack trace reaches a browser.
app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

// Forms may post to this site only, and (through its redirects) to the Hosted UI.
app.UseSecurityHeaders(app.Services.GetRequiredService<IOptions<CognitoOptions>>().Value.HostedUiDomain);
app.UseCognitoCallRecording();
app.UseGuidedPath();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

app.Run();
