using System.Text.Json.Nodes;
using CognitoDemo.LocalCognito.Protocol;
using CognitoDemo.LocalCognito.Storage;
using Microsoft.IdentityModel.Tokens;

namespace CognitoDemo.LocalCognito.Tokens;

/// <summary><c>/{poolId}/.well-known/jwks.json</c> and <c>openid-configuration</c> (protocol doc 5.1, 6).</summary>
internal static class WellKnownEndpoints
{
    public static void MapWellKnown(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{poolId}/.well-known/jwks.json", (string poolId, PoolStore pools, SigningKeys keys) =>
        {
            if (pools.Find(poolId) is null)
            {
                return Results.NotFound();
            }

            var jwks = new JsonArray();
            foreach (var use in (string[])[TokenUse.Id, TokenUse.Access])
            {
                var key = keys.Get(poolId, use);
                var parameters = key.Rsa.ExportParameters(false);
                jwks.Add(new JsonObject
                {
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["kid"] = key.KeyId,
                    ["kty"] = "RSA",
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["use"] = "sig",
                });
            }

            return Results.Content(JsonOutput.Write(new JsonObject { ["keys"] = jwks }), "application/json");
        });

        routes.MapGet("/{poolId}/.well-known/openid-configuration", (string poolId, PoolStore pools, PublicUrl publicUrl) =>
        {
            if (pools.Find(poolId) is null)
            {
                return Results.NotFound();
            }

            // From the configured public URL, never the request's Host: one pool, one issuer (OIDC Discovery 4.3).
            var baseUrl = publicUrl.Value;
            var issuer = publicUrl.Issuer(poolId);
            var document = new JsonObject
            {
                ["authorization_endpoint"] = $"{baseUrl}/oauth2/authorize",
                ["end_session_endpoint"] = $"{baseUrl}/logout",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["issuer"] = issuer,
                ["jwks_uri"] = $"{issuer}/.well-known/jwks.json",
                ["response_types_supported"] = new JsonArray("code", "token"),
                ["revocation_endpoint"] = $"{baseUrl}/oauth2/revoke",
                ["scopes_supported"] = new JsonArray("openid", "email", "phone", "profile"),
                ["subject_types_supported"] = new JsonArray("public"),
                ["token_endpoint"] = $"{baseUrl}/oauth2/token",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
                ["userinfo_endpoint"] = $"{baseUrl}/oauth2/userInfo",
            };
            return Results.Content(JsonOutput.Write(document), "application/json");
        });
    }
}
