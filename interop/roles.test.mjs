// From a Cognito group to an IAM role to an allowed call (issue 18), driven by AWS's own SDK for JavaScript v3:
// a member of the default pool's admins group gets, through the identity pool's "choose role from token" mapping,
// credentials for CognitoDemoAdminsRole, and ListUsers signed with them by the SDK's SigV4 signer is allowed; a
// user in no group gets the authenticated role, and the same call is refused with IAM's AccessDeniedException.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CognitoIdentityProviderClient,
  SignUpCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  AdminAddUserToGroupCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  GetIdCommand,
  GetCredentialsForIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startLocalCognito, latestCode } from './support/local-cognito.mjs';
import { sdkClient } from './support/provision.mjs';

// The default pools Local Cognito creates at start (see the README).
const userPoolId = 'us-west-2_LocalPool';
const publicClientId = 'cognitodemopublicclient001';
const identityPoolId = 'us-west-2:00000000-0000-4000-8000-000000000001';
const providerName = `cognito-idp.us-west-2.amazonaws.com/${userPoolId}`;
const poolArn = `arn:aws:cognito-idp:us-west-2:000000000000:userpool/${userPoolId}`;
const password = 'correct horse';

describe('Group role and IAM through the AWS SDK for JavaScript v3', () => {
  let lc, idp, admin, identity;

  const signUpAndSignIn = async username => {
    const email = `${username}@example.com`;
    await idp.send(new SignUpCommand({
      ClientId: publicClientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: email }],
    }));
    await idp.send(new ConfirmSignUpCommand({
      ClientId: publicClientId, Username: username, ConfirmationCode: await latestCode(lc.url, email),
    }));
  };

  // Signs in (so the ID token carries the user's current groups) and exchanges the token for credentials.
  const credentialsOf = async username => {
    const { AuthenticationResult } = await idp.send(new InitiateAuthCommand({
      ClientId: publicClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    const Logins = { [providerName]: AuthenticationResult.IdToken };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken };
  };

  const asUser = (Client, credentials, region = 'us-west-2') => new Client({ region, endpoint: lc.url, credentials, maxAttempts: 1 });

  before(async () => {
    lc = await startLocalCognito();
    idp = new CognitoIdentityProviderClient({ region: 'us-west-2', endpoint: lc.url, maxAttempts: 1 });
    admin = sdkClient(lc.url);
    identity = new CognitoIdentityClient({ region: 'us-west-2', endpoint: lc.url, maxAttempts: 1 });
    await signUpAndSignIn('grace');
    await signUpAndSignIn('alan');
    await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: 'grace', GroupName: 'admins' }));
  });

  after(async () => {
    idp?.destroy();
    admin?.destroy();
    identity?.destroy();
    await lc?.stop();
  });

  test('a member of admins gets CognitoDemoAdminsRole and may list the pool\'s users', async () => {
    const credentials = await credentialsOf('grace');
    const sts = asUser(STSClient, credentials, 'us-east-1');
    const users = asUser(CognitoIdentityProviderClient, credentials);
    try {
      const caller = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(caller.Arn, 'arn:aws:sts::000000000000:assumed-role/CognitoDemoAdminsRole/CognitoIdentityCredentials');
      const { Users } = await users.send(new ListUsersCommand({ UserPoolId: userPoolId }));
      assert.deepEqual(Users.map(u => u.Username).sort(), ['alan', 'grace']);
    } finally {
      sts.destroy();
      users.destroy();
    }
  });

  test('a user in no group gets the authenticated role and ListUsers is AccessDeniedException', async () => {
    const credentials = await credentialsOf('alan');
    const users = asUser(CognitoIdentityProviderClient, credentials);
    try {
      await assert.rejects(users.send(new ListUsersCommand({ UserPoolId: userPoolId })), err =>
        err.name === 'AccessDeniedException'
        && err.$metadata.httpStatusCode === 400
        && err.message === 'User: arn:aws:sts::000000000000:assumed-role/CognitoDemoAuthenticatedRole/CognitoIdentityCredentials'
          + ` is not authorized to perform: cognito-idp:ListUsers on resource: ${poolArn}`
          + ' because no identity-based policy allows the cognito-idp:ListUsers action');
    } finally {
      users.destroy();
    }
  });
});
