// Starts Local Cognito as its own process on a free loopback port with a fresh data file, the way a
// developer runs it, and stops it after the suite. The built executable comes from
// `dotnet build -c Release` (scripts/test.sh builds it first); LOCAL_COGNITO_DLL overrides the path.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const defaultDll = resolve(here, '../../CognitoDemo.LocalCognito/bin/Release/net10.0/CognitoDemo.LocalCognito.dll');

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

export async function startLocalCognito() {
  const dll = process.env.LOCAL_COGNITO_DLL ?? defaultDll;
  if (!existsSync(dll)) {
    throw new Error(`Local Cognito is not built at ${dll}; run 'dotnet build -c Release' first.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'local-cognito-interop-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('dotnet', [dll, '--urls', url, '--LocalCognito:DataPath', join(dataDir, 'local-cognito.db')], {
    cwd: dirname(dll),
    env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development', DOTNET_NOLOGO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Local Cognito did not start within 60 s:\n${output}`)), 60_000);
    const onData = chunk => {
      output += chunk;
      if (output.includes('Now listening on')) { clearTimeout(timer); ok(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code => { clearTimeout(timer); fail(new Error(`Local Cognito exited with ${code}:\n${output}`)); });
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise(ok => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest confirmation or reset code Local Cognito "sent" to an address, read from its mailbox JSON. */
export async function latestCode(baseUrl, email) {
  const response = await fetch(`${baseUrl}/mailbox/messages?to=${encodeURIComponent(email)}`);
  if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
  const body = await response.json();
  const messages = Array.isArray(body) ? body : body.messages;
  const newest = [...messages].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt))[0];
  if (!newest?.code) throw new Error(`no code in the mailbox for ${email}`);
  return newest.code;
}
