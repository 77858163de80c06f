using CognitoDemo.LocalCognito;

await LocalCognitoHost.Create(args).RunAsync().ConfigureAwait(false);

/// <summary>The executable's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
