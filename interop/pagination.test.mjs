// Every List operation paged by AWS's own SDK for JavaScript v3 paginators (paginateListUsers and the others), which
// follow PaginationToken or NextToken exactly as the cognito-idp and cognito-identity models name them and stop when
// the token is gone: each item comes exactly once, in creation order, across pages of the requested size.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  paginateListResourceServers,
  paginateListUserPoolClients,
  paginateListUserPools,
  paginateListUsers,
  paginateListUsersInGroup,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, CreateIdentityPoolCommand, paginateListIdentityPools } from '@aws-sdk/client-cognito-identity';
import { startLocalCognito } from './support/local-cognito.mjs';
import { region, sdkClient } from './support/provision.mjs';

// Collects every page: the items of each and how many pages there were.
async function collect(paginator, member) {
  const items = [];
  let pages = 0;
  for await (const page of paginator) {
    pages++;
    items.push(...page[member]);
  }
  return { items, pages };
}

describe('AWS SDK for JavaScript v3: pagination of the List operations', () => {
  let lc, client, identity, poolId;
  const usernames = ['ada', 'bob', 'cy', 'di', 'ed'];

  before(async () => {
    lc = await startLocalCognito();
    client = sdkClient(lc.url);
    identity = new CognitoIdentityClient({
      region, endpoint: lc.url, maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDLOCALCOGNITO', secretAccessKey: 'local-cognito-secret-key' },
    });
    ({ UserPool: { Id: poolId } } = await client.send(new CreateUserPoolCommand({ PoolName: 'paged' })));
    await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'team' }));
    for (const Username of usernames) {
      await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS' }));
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username, GroupName: 'team' }));
    }
  });

  after(async () => {
    client?.destroy();
    identity?.destroy();
    await lc?.stop();
  });

  test('ListUsers pages with Limit and PaginationToken', async () => {
    const { items, pages } = await collect(
      paginateListUsers({ client, pageSize: 2 }, { UserPoolId: poolId }), 'Users');
    assert.deepEqual(items.map(u => u.Username), usernames);
    assert.equal(pages, 3);
  });

  test('ListUsersInGroup pages with Limit and NextToken', async () => {
    const { items, pages } = await collect(
      paginateListUsersInGroup({ client, pageSize: 2 }, { UserPoolId: poolId, GroupName: 'team' }), 'Users');
    assert.deepEqual(items.map(u => u.Username), usernames);
    assert.equal(pages, 3);
  });

  test('ListUserPools pages with MaxResults and NextToken', async () => {
    const created = [];
    for (const PoolName of ['paged-a', 'paged-b', 'paged-c']) {
      created.push((await client.send(new CreateUserPoolCommand({ PoolName }))).UserPool.Id);
    }
    const { items, pages } = await collect(paginateListUserPools({ client, pageSize: 1 }, { MaxResults: 1 }), 'UserPools');
    const ids = items.map(p => p.Id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.filter(id => created.includes(id) || id === poolId), [poolId, ...created]);
    assert.equal(pages, ids.length);
  });

  test('ListUserPoolClients pages with MaxResults and NextToken', async () => {
    const names = ['one', 'two', 'three'];
    for (const ClientName of names) {
      await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName }));
    }
    const { items, pages } = await collect(
      paginateListUserPoolClients({ client, pageSize: 2 }, { UserPoolId: poolId }), 'UserPoolClients');
    assert.deepEqual(items.map(c => c.ClientName), names);
    assert.equal(pages, 2);
  });

  test('ListResourceServers pages with MaxResults and NextToken', async () => {
    const identifiers = ['https://api.example.com/a', 'https://api.example.com/b', 'https://api.example.com/c'];
    for (const Identifier of identifiers) {
      await client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier, Name: Identifier.slice(-1) }));
    }
    const { items, pages } = await collect(
      paginateListResourceServers({ client, pageSize: 2 }, { UserPoolId: poolId, MaxResults: 2 }), 'ResourceServers');
    assert.deepEqual(items.map(s => s.Identifier), identifiers);
    assert.equal(pages, 2);
  });

  test('ListIdentityPools pages with MaxResults and NextToken', async () => {
    const created = [];
    for (const IdentityPoolName of ['paged one', 'paged two', 'paged three']) {
      created.push((await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName, AllowUnauthenticatedIdentities: false }))).IdentityPoolId);
    }
    const { items, pages } = await collect(
      paginateListIdentityPools({ client: identity, pageSize: 2 }, { MaxResults: 2 }), 'IdentityPools');
    const ids = items.map(p => p.IdentityPoolId);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.filter(id => created.includes(id)), created);
    assert.equal(pages, Math.ceil(ids.length / 2));
  });
});
