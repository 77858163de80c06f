// The pool's settings and sign-in aliases driven by AWS's own SDK for JavaScript v3: AddCustomAttributes,
// UpdateUserPool, LambdaConfig and the verification template, custom domains with their CloudFront name, phone numbers
// as user names and AliasExistsException, each parsed by the SDK from Local Cognito's answers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddCustomAttributesCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminUpdateUserAttributesCommand,
  AliasExistsException,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  SignUpCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalCognito } from './support/local-cognito.mjs';
import { sdkClient } from './support/provision.mjs';

const preSignUp = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';
const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

describe('AWS SDK for JavaScript v3: pool settings and sign-in aliases', () => {
  let lc, client;
  const describePool = async UserPoolId => (await client.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool;

  before(async () => {
    lc = await startLocalCognito();
    client = sdkClient(lc.url);
  });

  after(async () => {
    client?.destroy();
    await lc?.stop();
  });

  test('LambdaConfig and the verification template are stored, mirrored and reset by UpdateUserPool', async () => {
    const { UserPool: { Id } } = await client.send(new CreateUserPoolCommand({
      PoolName: 'settings', LambdaConfig: { PreSignUp: preSignUp },
      VerificationMessageTemplate: { EmailMessage: 'Your Acme code is {####}', EmailSubject: 'Acme code' },
    }));
    const created = await describePool(Id);
    assert.equal(created.LambdaConfig.PreSignUp, preSignUp);
    assert.equal(created.VerificationMessageTemplate.EmailSubject, 'Acme code');
    assert.equal(created.EmailVerificationMessage, 'Your Acme code is {####}');

    await client.send(new UpdateUserPoolCommand({ UserPoolId: Id, Policies: { PasswordPolicy: { MinimumLength: 12 } } }));
    const updated = await describePool(Id);
    assert.equal(updated.Policies.PasswordPolicy.MinimumLength, 12);
    assert.deepEqual(updated.LambdaConfig, {});
    assert.equal(updated.VerificationMessageTemplate.EmailSubject, undefined);
  });

  test('AddCustomAttributes adds once and refuses the same name again', async () => {
    const { UserPool: { Id } } = await client.send(new CreateUserPoolCommand({ PoolName: 'custom' }));
    const CustomAttributes = [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }];
    await client.send(new AddCustomAttributesCommand({ UserPoolId: Id, CustomAttributes }));
    assert.ok((await describePool(Id)).SchemaAttributes.some(a => a.Name === 'custom:tier'));
    await assert.rejects(client.send(new AddCustomAttributesCommand({ UserPoolId: Id, CustomAttributes })),
      err => err instanceof InvalidParameterException && err.message === 'custom:tier: Existing attribute already has name custom:tier.');
  });

  test('a custom domain gets a CloudFront name and UpdateUserPoolDomain changes its certificate', async () => {
    const { UserPool: { Id } } = await client.send(new CreateUserPoolCommand({ PoolName: 'domain' }));
    const Domain = 'auth.example.com';
    const { CloudFrontDomain } = await client.send(new CreateUserPoolDomainCommand({
      UserPoolId: Id, Domain, CustomDomainConfig: { CertificateArn: certificate },
    }));
    assert.match(CloudFrontDomain, /^d[a-z0-9]{13}\.cloudfront\.net$/);
    const other = certificate.replace('11111111', '99999999');
    const updated = await client.send(new UpdateUserPoolDomainCommand({ UserPoolId: Id, Domain, CustomDomainConfig: { CertificateArn: other } }));
    assert.equal(updated.CloudFrontDomain, CloudFrontDomain);
    const { DomainDescription } = await client.send(new DescribeUserPoolDomainCommand({ Domain }));
    assert.equal(DomainDescription.CustomDomainConfig.CertificateArn, other);
    assert.equal(DomainDescription.CloudFrontDistribution, CloudFrontDomain);
  });

  test('a phone number signs up and in as the user name, and a taken address is AliasExistsException', async () => {
    const { UserPool: { Id } } = await client.send(new CreateUserPoolCommand({
      PoolName: 'phones', UsernameAttributes: ['email', 'phone_number'],
    }));
    const { UserPoolClient: { ClientId } } = await client.send(new CreateUserPoolClientCommand({
      UserPoolId: Id, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    const phone = '+14155550123';
    const { UserSub } = await client.send(new SignUpCommand({ ClientId, Username: phone, Password: 'Passw0rd!' }));
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: Id, Username: phone }));
    const { AuthenticationResult } = await client.send(new InitiateAuthCommand({
      ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: phone, PASSWORD: 'Passw0rd!' },
    }));
    const claims = JSON.parse(Buffer.from(AuthenticationResult.IdToken.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(claims.sub, UserSub);
    assert.equal(claims.phone_number, phone);

    await client.send(new AdminCreateUserCommand({ UserPoolId: Id, Username: 'ada@example.com', MessageAction: 'SUPPRESS' }));
    await assert.rejects(client.send(new AdminUpdateUserAttributesCommand({
      UserPoolId: Id, Username: phone, UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
    })), err => err instanceof AliasExistsException && err.message === 'An account with the given email already exists.');
  });
});
