// Local Cognito's Hosted UI driven by openid-client (panva), a certified OpenID Connect relying party
// library: discovery, the code flow with PKCE, state and nonce checks, userInfo, refresh, revocation
// and its errors, prompt=none, and client_credentials with a resource server's custom scope. The
// browser part (the sign-in form) is plain HTTP with cookies, as a browser would post it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalCognito } from './support/local-cognito.mjs';
import { sdkClient, provisionSeedPool } from './support/provision.mjs';

const callback = 'http://localhost:8080/callback';
const username = 'olivia';
const password = 'correct horse';

/** GET the authorize URL, follow it to the sign-in form, submit it, and return the redirect back to the client. */
async function signInInBrowser(authorizeUrl) {
  const cookies = new Map();
  const keep = response => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(authorize.status, 302);
  const loginUrl = new URL(authorize.headers.get('location'), authorizeUrl);
  const page = await fetch(loginUrl, { redirect: 'manual' });
  keep(page);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.append(decode(name), decode(value));
  }
  form.append('username', username);
  form.append('password', password);
  const submitted = await fetch(new URL('/login', loginUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: form,
  });
  assert.equal(submitted.status, 302, await submitted.text());
  return new URL(submitted.headers.get('location'));
}

function decode(html) {
  return html.replace(/&#x([0-9A-Fa-f]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('openid-client (certified OpenID Connect relying party) against the Local Cognito Hosted UI', () => {
  let lc, sdk, pool, app, machine, config;

  before(async () => {
    lc = await startLocalCognito();
    sdk = sdkClient(lc.url);
    ({ pool } = await provisionSeedPool(sdk, 'interop-openid-client'));
    ({ UserPoolClient: app } = await sdk.send(new CreateUserPoolClientCommand({
      UserPoolId: pool.Id,
      ClientName: 'oidc relying party',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [callback],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
    })));
    await sdk.send(new CreateResourceServerCommand({
      UserPoolId: pool.Id,
      Identifier: 'orders',
      Name: 'Orders API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }],
    }));
    ({ UserPoolClient: machine } = await sdk.send(new CreateUserPoolClientCommand({
      UserPoolId: pool.Id,
      ClientName: 'machine',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/read'],
    })));
    await sdk.send(new AdminCreateUserCommand({
      UserPoolId: pool.Id,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'olivia@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.Id, Username: username, Password: password, Permanent: true }));
    config = await oidc.discovery(new URL(`${lc.url}/${pool.Id}`), app.ClientId, app.ClientSecret,
      oidc.ClientSecretBasic(app.ClientSecret), { execute: [oidc.allowInsecureRequests] });
  });

  after(async () => {
    sdk?.destroy();
    await lc?.stop();
  });

  async function codeFlow(scope = 'openid email profile') {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callback,
      scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const redirect = await signInInBrowser(url);
    return oidc.authorizationCodeGrant(config, redirect, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  }

  test('discovery names the issuer it was fetched from', () => {
    assert.equal(config.serverMetadata().issuer, `${lc.url}/${pool.Id}`);
  });

  test('the code flow with PKCE gives tokens whose ID token passes the library\'s checks, and userInfo answers', async () => {
    const tokens = await codeFlow();
    const claims = tokens.claims();
    assert.equal(claims.iss, `${lc.url}/${pool.Id}`);
    assert.equal(claims.aud, app.ClientId);
    assert.equal(claims['cognito:username'], username);
    assert.ok(tokens.refresh_token);
    const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(userInfo.email, 'olivia@example.com');
    assert.equal(userInfo.username, username);
  });

  test('userInfo with openid profile leaves out the e-mail', async () => {
    const tokens = await codeFlow('openid profile');
    const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims().sub);
    assert.equal(userInfo.email, undefined);
    assert.equal(userInfo.email_verified, undefined);
  });

  test('a refresh keeps the ID token; a revoked refresh token is invalid_grant', async () => {
    const tokens = await codeFlow();
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
    assert.ok(refreshed.id_token);
    assert.equal(refreshed.claims().sub, tokens.claims().sub);
    assert.equal(refreshed.scope ?? JSON.parse(Buffer.from(refreshed.access_token.split('.')[1], 'base64url')).scope, 'openid email profile');

    await oidc.tokenRevocation(config, tokens.refresh_token);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token),
      error => error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant');
  });

  test('revoking an access token is unsupported_token_type', async () => {
    const tokens = await codeFlow();
    await assert.rejects(oidc.tokenRevocation(config, tokens.access_token),
      error => error instanceof oidc.ResponseBodyError && error.error === 'unsupported_token_type' && error.status === 400);
  });

  test('prompt=none without a session comes back as login_required with the state', async () => {
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: callback, scope: 'openid', state, prompt: 'none' });
    const response = await fetch(url, { redirect: 'manual' });
    assert.equal(response.status, 302);
    await assert.rejects(oidc.authorizationCodeGrant(config, new URL(response.headers.get('location')), { expectedState: state }),
      error => error instanceof oidc.AuthorizationResponseError && error.error === 'login_required');
  });

  test('client_credentials gives an access token with the resource server\'s scope', async () => {
    const machineConfig = await oidc.discovery(new URL(`${lc.url}/${pool.Id}`), machine.ClientId, machine.ClientSecret,
      oidc.ClientSecretBasic(machine.ClientSecret), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(machineConfig, { scope: 'orders/read' });
    const access = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url'));
    assert.equal(access.scope, 'orders/read');
    assert.equal(access.sub, machine.ClientId);
    assert.equal(tokens.refresh_token, undefined);
    assert.equal(tokens.id_token, undefined);
  });
});
