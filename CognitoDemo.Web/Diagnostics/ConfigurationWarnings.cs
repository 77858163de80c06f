using CognitoDemo.Cognito.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoDemo.Web.Diagnostics;

/// <summary>
/// Problems the app can start with but should not run with, said once at start-up (and again on
/// /diagnostics, next to what they break). Ids and regions only: never a secret.
/// </summary>
public static partial class ConfigurationWarnings
{
    public static WebApplication LogConfigurationProblems(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<CognitoOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationWarnings));
        foreach (var problem in RegionConsistency.Problems(options))
        {
            LogProblem(logger, problem);
        }

        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Configuration problem: {Problem} /diagnostics explains what it breaks.")]
    private static partial void LogProblem(ILogger logger, string problem);
}
