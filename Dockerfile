# syntax=docker/dockerfile:1
# The Cognito demonstration Web app. Local mode by default (Local Cognito runs inside the container;
# publish port 9229 too to read its mailbox); AWS mode with Cognito__* environment variables:
#   docker build -t cognito-demo .
#   docker run --rm -p 8080:8080 -p 9229:9229 cognito-demo
#   docker run --rm -p 8080:8080 -e Cognito__UserPoolId=… -e Cognito__ClientId=… -e Cognito__ClientSecret=… \
#       -e Cognito__IdentityPoolId=… cognito-demo

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so code changes reuse the cached restore layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY CognitoDemo.Cognito/CognitoDemo.Cognito.csproj CognitoDemo.Cognito/
COPY CognitoDemo.LocalCognito/CognitoDemo.LocalCognito.csproj CognitoDemo.LocalCognito/
COPY CognitoDemo.Web/CognitoDemo.Web.csproj CognitoDemo.Web/
RUN dotnet restore CognitoDemo.Web/CognitoDemo.Web.csproj
COPY CognitoDemo.Cognito/ CognitoDemo.Cognito/
COPY CognitoDemo.LocalCognito/ CognitoDemo.LocalCognito/
COPY CognitoDemo.Web/ CognitoDemo.Web/
RUN dotnet publish CognitoDemo.Web/CognitoDemo.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# curl only for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
# Logs are one JSON object per line (structured, for a log collector); no secret is ever logged.
# Local Cognito's Hosted UI accepts the app on http://localhost:8080 (publish it on that port).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json \
    LocalCognito__Url=http://0.0.0.0:9229 \
    LocalCognito__DefaultPool__CallbackUrls__0=http://localhost:8080/signin-oidc \
    LocalCognito__DefaultPool__LogoutUrls__0=http://localhost:8080/signout-callback-oidc \
    LocalCognito__DefaultPool__LogoutUrls__1=http://localhost:8080/ \
    LocalCognito__DataPath=/data/local-cognito.db \
    DataProtection__KeysPath=/data/keys
# The image's unprivileged user; Local Cognito's data lives in /data (mount a volume to keep it).
USER $APP_UID
VOLUME /data
EXPOSE 8080 9229
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "CognitoDemo.Web.dll"]
