// The identity pool exchange driven by AWS's own SDK for JavaScript v3: a user signed in through the user
// pool gets an identity and temporary AWS credentials from Cognito Identity, and STS GetCallerIdentity,
// signed with them by the SDK's own SigV4 signer, names the assumed role. A tampered secret is refused.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CognitoIdentityProviderClient,
  SignUpCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  GetIdCommand,
  GetCredentialsForIdentityCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startLocalCognito, latestCode } from './support/local-cognito.mjs';

// The default pools Local Cognito creates at start (see the README).
const userPoolId = 'us-west-2_LocalPool';
const publicClientId = 'cognitodemopublicclient001';
const identityPoolId = 'us-west-2:00000000-0000-4000-8000-000000000001';
const providerName = `cognito-idp.us-west-2.amazonaws.com/${userPoolId}`;
const assumedRoleArn = 'arn:aws:sts::000000000000:assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials';

describe('Identity pool and STS through the AWS SDK for JavaScript v3', () => {
  let lc, idp, identity;
  const username = 'hedy';
  const password = 'correct horse';
  let idToken, identityId, credentials;

  const sts = creds => new STSClient({ region: 'us-east-1', endpoint: lc.url, credentials: creds, maxAttempts: 1 });

  before(async () => {
    lc = await startLocalCognito();
    idp = new CognitoIdentityProviderClient({ region: 'us-west-2', endpoint: lc.url, maxAttempts: 1 });
    identity = new CognitoIdentityClient({ region: 'us-west-2', endpoint: lc.url, maxAttempts: 1 });
    await idp.send(new SignUpCommand({
      ClientId: publicClientId, Username: username, Password: password,
      UserAttributes: [{ Name: 'email', Value: 'hedy@example.com' }],
    }));
    await idp.send(new ConfirmSignUpCommand({
      ClientId: publicClientId, Username: username, ConfirmationCode: await latestCode(lc.url, 'hedy@example.com'),
    }));
    const { AuthenticationResult } = await idp.send(new InitiateAuthCommand({
      ClientId: publicClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    idToken = AuthenticationResult.IdToken;
  });

  after(async () => {
    idp?.destroy();
    identity?.destroy();
    await lc?.stop();
  });

  test('GetId with the ID token under AWS\'s Logins key gives an identity in the pool\'s region', async () => {
    ({ IdentityId: identityId } = await identity.send(new GetIdCommand({
      IdentityPoolId: identityPoolId, Logins: { [providerName]: idToken },
    })));
    assert.match(identityId, /^us-west-2:[0-9a-f-]{36}$/);
  });

  test('GetCredentialsForIdentity gives ASIA credentials valid for an hour', async () => {
    const answer = await identity.send(new GetCredentialsForIdentityCommand({
      IdentityId: identityId, Logins: { [providerName]: idToken },
    }));
    credentials = answer.Credentials;
    assert.match(credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(credentials.SecretKey.length, 40);
    assert.ok(credentials.SessionToken.length > 0);
    assert.ok(credentials.Expiration instanceof Date);
    const minutes = (credentials.Expiration.getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 55 && minutes <= 60, `expires in ${minutes} minutes`);
  });

  test('an access token instead of the ID token is refused as AWS refuses it', async () => {
    const { AuthenticationResult } = await idp.send(new InitiateAuthCommand({
      ClientId: publicClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    await assert.rejects(
      identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [providerName]: AuthenticationResult.AccessToken } })),
      err => err instanceof NotAuthorizedException && err.message === 'Invalid login token. Missing a required claim: aud');
  });

  test('STS GetCallerIdentity signed with the credentials names the assumed role', async () => {
    const client = sts({
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken,
    });
    try {
      const caller = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(caller.Arn, assumedRoleArn);
      assert.equal(caller.Account, '000000000000');
      assert.match(caller.UserId, /^AROA[A-Z0-9]{17}:CognitoIdentityCredentials$/);
    } finally {
      client.destroy();
    }
  });

  test('STS refuses a request signed with a tampered secret: SignatureDoesNotMatch', async () => {
    const secret = credentials.SecretKey;
    const client = sts({
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1),
      sessionToken: credentials.SessionToken,
    });
    try {
      await assert.rejects(client.send(new GetCallerIdentityCommand({})),
        err => err.name === 'SignatureDoesNotMatch' && err.$metadata.httpStatusCode === 403);
    } finally {
      client.destroy();
    }
  });
});
