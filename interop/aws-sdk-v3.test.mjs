// Local Cognito driven by AWS's own SDK for JavaScript v3: provisioning, sign-up with a custom
// attribute, confirmation with the mailbox code, USER_PASSWORD_AUTH with SECRET_HASH, the profile,
// and a global sign-out that really revokes the access token.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SignUpCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  GlobalSignOutCommand,
  DescribeUserPoolCommand,
  NotAuthorizedException,
  CodeMismatchException,
  UsernameExistsException,
  InvalidPasswordException,
  InvalidParameterException,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalCognito, latestCode } from './support/local-cognito.mjs';
import { sdkClient, provisionSeedPool, secretHash } from './support/provision.mjs';

describe('AWS SDK for JavaScript v3 against Local Cognito', () => {
  let lc, client, pool, app, publicApp;
  const username = 'alice';
  const email = 'alice@example.com';
  const password = 'correct horse';
  let accessToken;

  const hash = name => secretHash(name, app.ClientId, app.ClientSecret);
  const attribute = (attributes, name) => attributes.find(a => a.Name === name)?.Value;

  before(async () => {
    lc = await startLocalCognito();
    client = sdkClient(lc.url);
    ({ pool, confidential: app, publicClient: publicApp } = await provisionSeedPool(client, 'interop-sdk-v3'));
  });

  after(async () => {
    client?.destroy();
    await lc?.stop();
  });

  test('the provisioned pool has the seed\'s custom attribute and password policy', async () => {
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
    assert.match(UserPool.Id, /^us-east-1_[0-9a-zA-Z]+$/);
    assert.equal(UserPool.Policies.PasswordPolicy.MinimumLength, 8);
    assert.ok(UserPool.SchemaAttributes.some(a => a.Name === 'custom:location'), 'custom:location in the schema');
    assert.match(app.ClientId, /^[a-z0-9]{26}$/);
    assert.ok(app.ClientSecret.length >= 24);
  });

  test('sign-up without SECRET_HASH is refused as AWS refuses it', async () => {
    await assert.rejects(
      client.send(new SignUpCommand({ ClientId: app.ClientId, Username: 'nohash', Password: password })),
      err => err instanceof NotAuthorizedException
        && err.message === `Client ${app.ClientId} is configured with secret but SECRET_HASH was not received`);
  });

  test('a SECRET_HASH sent for a client without a secret is refused as AWS is reported to refuse it', async () => {
    await assert.rejects(
      client.send(new SignUpCommand({
        ClientId: publicApp.ClientId, SecretHash: hash('stray'), Username: 'stray', Password: password,
        UserAttributes: [{ Name: 'email', Value: 'stray@example.com' }],
      })),
      err => err instanceof InvalidParameterException
        && err.message === `App client ${publicApp.ClientId} is not configured for secret but secret hash was received`);
  });

  test('a password shorter than the policy is refused', async () => {
    await assert.rejects(
      client.send(new SignUpCommand({
        ClientId: app.ClientId, SecretHash: hash('shorty'), Username: 'shorty', Password: 'short',
        UserAttributes: [{ Name: 'email', Value: 'shorty@example.com' }],
      })),
      err => err instanceof InvalidPasswordException);
  });

  test('sign-up with custom:location sends a code by e-mail and leaves the user unconfirmed', async () => {
    const result = await client.send(new SignUpCommand({
      ClientId: app.ClientId, SecretHash: hash(username), Username: username, Password: password,
      UserAttributes: [{ Name: 'email', Value: email }, { Name: 'custom:location', Value: 'Lisbon' }],
    }));
    assert.equal(result.UserConfirmed, false);
    assert.match(result.UserSub, /^[0-9a-f-]{36}$/);
    assert.equal(result.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.equal(result.CodeDeliveryDetails.AttributeName, 'email');
    assert.doesNotMatch(JSON.stringify(result), /\b\d{6}\b/, 'the code is never in the API answer');
  });

  test('the same username cannot sign up twice', async () => {
    await assert.rejects(
      client.send(new SignUpCommand({
        ClientId: app.ClientId, SecretHash: hash(username), Username: username, Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      })),
      err => err instanceof UsernameExistsException);
  });

  test('a wrong code is refused and the mailbox code confirms the user', async () => {
    const code = await latestCode(lc.url, email);
    assert.match(code, /^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    await assert.rejects(
      client.send(new ConfirmSignUpCommand({ ClientId: app.ClientId, SecretHash: hash(username), Username: username, ConfirmationCode: wrong })),
      err => err instanceof CodeMismatchException);
    await client.send(new ConfirmSignUpCommand({
      ClientId: app.ClientId, SecretHash: hash(username), Username: username, ConfirmationCode: code,
    }));
  });

  test('a wrong password is refused with the generic message', async () => {
    await assert.rejects(
      client.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: app.ClientId,
        AuthParameters: { USERNAME: username, PASSWORD: 'wrong horse', SECRET_HASH: hash(username) },
      })),
      err => err instanceof NotAuthorizedException && err.message === 'Incorrect username or password.');
  });

  test('USER_PASSWORD_AUTH with SECRET_HASH returns the three tokens', async () => {
    const { AuthenticationResult: tokens } = await client.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: app.ClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: hash(username) },
    }));
    assert.equal(tokens.TokenType, 'Bearer');
    assert.equal(tokens.ExpiresIn, 3600);
    assert.ok(tokens.IdToken && tokens.RefreshToken);
    const idClaims = JSON.parse(Buffer.from(tokens.IdToken.split('.')[1], 'base64url'));
    assert.equal(idClaims['custom:location'], 'Lisbon');
    assert.equal(idClaims.token_use, 'id');
    assert.equal(idClaims.aud, app.ClientId);
    accessToken = tokens.AccessToken;
  });

  test('GetUser shows the attributes, and UpdateUserAttributes changes the location', async () => {
    const before = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    assert.equal(before.Username, username);
    assert.equal(attribute(before.UserAttributes, 'custom:location'), 'Lisbon');
    assert.equal(attribute(before.UserAttributes, 'email_verified'), 'true');

    await client.send(new UpdateUserAttributesCommand({
      AccessToken: accessToken, UserAttributes: [{ Name: 'custom:location', Value: 'Porto' }],
    }));

    const after = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    assert.equal(attribute(after.UserAttributes, 'custom:location'), 'Porto');
  });

  test('after GlobalSignOut the access token is refused', async () => {
    await client.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
    await assert.rejects(
      client.send(new GetUserCommand({ AccessToken: accessToken })),
      err => err instanceof NotAuthorizedException);
  });
});
