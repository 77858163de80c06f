// Local Cognito driven by AWS's amazon-cognito-identity-js through a public app client: sign-up,
// confirmation, SRP sign-in (the library's own SRP), session refresh, and a refused wrong password.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
} from 'amazon-cognito-identity-js';
import { startLocalCognito, latestCode } from './support/local-cognito.mjs';
import { sdkClient, provisionSeedPool } from './support/provision.mjs';

const promisify = fn => new Promise((ok, fail) => fn((err, result) => (err ? fail(err) : ok(result))));

function authenticate(user, username, password) {
  return new Promise((ok, fail) => user.authenticateUser(
    new AuthenticationDetails({ Username: username, Password: password }),
    { onSuccess: ok, onFailure: fail, newPasswordRequired: () => fail(new Error('unexpected NEW_PASSWORD_REQUIRED')) }));
}

describe('amazon-cognito-identity-js against Local Cognito', () => {
  let lc, sdk, userPool;
  const username = 'bob';
  const email = 'bob@example.com';
  const password = 'bobs password';
  let session;

  const user = () => new CognitoUser({ Username: username, Pool: userPool });

  before(async () => {
    lc = await startLocalCognito();
    sdk = sdkClient(lc.url);
    const { pool, publicClient } = await provisionSeedPool(sdk, 'interop-identity-js');
    userPool = new CognitoUserPool({ UserPoolId: pool.Id, ClientId: publicClient.ClientId, endpoint: `${lc.url}/` });
  });

  after(async () => {
    sdk?.destroy();
    await lc?.stop();
  });

  test('signs up with custom:location and confirms with the mailbox code', async () => {
    const result = await promisify(cb => userPool.signUp(username, password, [
      new CognitoUserAttribute({ Name: 'email', Value: email }),
      new CognitoUserAttribute({ Name: 'custom:location', Value: 'Lisbon' }),
    ], null, cb));
    assert.equal(result.userConfirmed, false);

    const code = await latestCode(lc.url, email);
    assert.equal(await promisify(cb => user().confirmRegistration(code, true, cb)), 'SUCCESS');
  });

  test('signs in with the library\'s own SRP and gets a valid session', async () => {
    session = await authenticate(user(), username, password);
    assert.ok(session.isValid());
    const claims = session.getIdToken().decodePayload();
    assert.equal(claims['cognito:username'], username);
    assert.equal(claims['custom:location'], 'Lisbon');
    assert.equal(session.getAccessToken().decodePayload().token_use, 'access');
  });

  test('refreshes the session with the refresh token', async () => {
    const refreshed = await promisify(cb => user().refreshSession(session.getRefreshToken(), cb));
    assert.ok(refreshed.isValid());
    assert.equal(refreshed.getIdToken().decodePayload().sub, session.getIdToken().decodePayload().sub);
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());
  });

  test('refuses a wrong password', async () => {
    await assert.rejects(authenticate(user(), username, 'not the password'),
      err => err.code === 'NotAuthorizedException' && err.message === 'Incorrect username or password.');
  });
});
