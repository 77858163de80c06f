// Provisions a user pool like the seed's with the management operations AWS has, through the AWS
// SDK for JavaScript v3: what anyone would run against AWS, pointed at Local Cognito.
import { createHmac } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export const region = 'us-east-1';

export function sdkClient(endpoint) {
  return new CognitoIdentityProviderClient({
    region,
    endpoint,
    // Management operations are SigV4-signed, as on AWS; Local Cognito accepts any well-formed signature.
    credentials: { accessKeyId: 'AKIDLOCALCOGNITO', secretAccessKey: 'local-cognito-secret-key' },
    maxAttempts: 1,
  });
}

export function secretHash(username, clientId, clientSecret) {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

// Without ReadAttributes a client reads only the standard attributes (CreateUserPoolClient API reference), so the
// seed's clients list them all with custom:location, as the console's app client settings do.
export const readAttributes = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified',
  'address', 'updated_at', 'custom:location',
];

export async function provisionSeedPool(client, name) {
  const { UserPool } = await client.send(new CreateUserPoolCommand({
    PoolName: name,
    Policies: {
      PasswordPolicy: {
        MinimumLength: 8, RequireLowercase: false, RequireUppercase: false, RequireNumbers: false, RequireSymbols: false,
      },
    },
    AutoVerifiedAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    Schema: [
      { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'location', AttributeDataType: 'String', Mutable: true },
    ],
    MfaConfiguration: 'OFF',
  }));
  const { UserPoolClient: confidential } = await client.send(new CreateUserPoolClientCommand({
    UserPoolId: UserPool.Id,
    ClientName: 'Cognito demonstration Web app',
    GenerateSecret: true,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    PreventUserExistenceErrors: 'ENABLED',
    ReadAttributes: readAttributes,
  }));
  const { UserPoolClient: publicClient } = await client.send(new CreateUserPoolClientCommand({
    UserPoolId: UserPool.Id,
    ClientName: 'public',
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    PreventUserExistenceErrors: 'ENABLED',
    ReadAttributes: readAttributes,
  }));
  return { pool: UserPool, confidential, publicClient };
}
