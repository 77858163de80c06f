// Server-side sign-in, groups and their pagination driven by AWS's own SDK for JavaScript v3: the
// admin password flow with SECRET_HASH, NEW_PASSWORD_REQUIRED answered by the admin operation, the
// group claims in the tokens, and ListGroups paged with Limit/NextToken.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  InvalidParameterException,
  NotAuthorizedException,
  GroupExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalCognito } from './support/local-cognito.mjs';
import { sdkClient, provisionSeedPool, secretHash } from './support/provision.mjs';

const claims = token => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('AWS SDK for JavaScript v3: server-side sign-in and groups', () => {
  let lc, client, pool, server;
  const adminRole = 'arn:aws:iam::123456789012:role/admins';
  const readerRole = 'arn:aws:iam::123456789012:role/readers';

  const signIn = (username, password, flow = 'ADMIN_USER_PASSWORD_AUTH') => client.send(new AdminInitiateAuthCommand({
    UserPoolId: pool.Id, ClientId: server.ClientId, AuthFlow: flow,
    AuthParameters: {
      USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(username, server.ClientId, server.ClientSecret),
    },
  }));

  before(async () => {
    lc = await startLocalCognito();
    client = sdkClient(lc.url);
    ({ pool } = await provisionSeedPool(client, 'interop-admin'));
    ({ UserPoolClient: server } = await client.send(new CreateUserPoolClientCommand({
      UserPoolId: pool.Id, ClientName: 'server', GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })));
    await client.send(new AdminCreateUserCommand({
      UserPoolId: pool.Id, Username: 'ada', TemporaryPassword: 'temporary one', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }, { Name: 'email_verified', Value: 'True' }],
    }));
  });

  after(async () => {
    client?.destroy();
    await lc?.stop();
  });

  test('a temporary password leads to NEW_PASSWORD_REQUIRED, answered by AdminRespondToAuthChallenge', async () => {
    const challenge = await signIn('ada', 'temporary one');
    assert.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const answered = await client.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: pool.Id, ClientId: server.ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session,
      ChallengeResponses: {
        USERNAME: 'ada', NEW_PASSWORD: 'correct horse', SECRET_HASH: secretHash('ada', server.ClientId, server.ClientSecret),
      },
    }));
    assert.ok(answered.AuthenticationResult.AccessToken);
  });

  test('a wrong password and the other operation\'s flow are refused as AWS refuses them', async () => {
    await assert.rejects(signIn('ada', 'wrong password'),
      err => err instanceof NotAuthorizedException && err.message === 'Incorrect username or password.');
    await assert.rejects(signIn('ada', 'correct horse', 'USER_PASSWORD_AUTH'),
      err => err instanceof InvalidParameterException && err.message === 'Initiate Auth method not supported.');
  });

  test('groups give cognito:groups, cognito:roles and the preferred role of the lowest precedence', async () => {
    await client.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'readers', Precedence: 5, RoleArn: readerRole }));
    await client.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', Precedence: 1, RoleArn: adminRole }));
    await assert.rejects(client.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' })),
      err => err instanceof GroupExistsException);
    for (const GroupName of ['readers', 'admins']) {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.Id, Username: 'ada', GroupName }));
    }

    const { AuthenticationResult: tokens } = await signIn('ada', 'correct horse');
    const id = claims(tokens.IdToken);
    assert.deepEqual(id['cognito:groups'], ['admins', 'readers']);
    assert.deepEqual(id['cognito:roles'], [adminRole, readerRole]);
    assert.equal(id['cognito:preferred_role'], adminRole);
    assert.deepEqual(claims(tokens.AccessToken)['cognito:groups'], ['admins', 'readers']);

    const { Groups } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.Id, Username: 'ada' }));
    assert.deepEqual(Groups.map(g => g.GroupName), ['admins', 'readers']);
    const { Users } = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }));
    assert.deepEqual(Users.map(u => u.Username), ['ada']);
  });

  test('ListGroups pages with Limit and NextToken', async () => {
    const names = [];
    let NextToken;
    let pages = 0;
    do {
      const page = await client.send(new ListGroupsCommand({ UserPoolId: pool.Id, Limit: 1, NextToken }));
      names.push(...page.Groups.map(g => g.GroupName));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.equal(pages, 2);
    assert.deepEqual(names, ['admins', 'readers']);
  });
});
