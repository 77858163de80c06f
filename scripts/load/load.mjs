// Load run for sign-ins: the web app's SRP sign-in form, Local Cognito's InitiateAuth USER_PASSWORD_AUTH
// and GetUser, and (when given) the same two requests against moto. Started by scripts/load.sh, which
// starts the servers on free loopback ports; this file only sends requests to the URLs it is given,
// and refuses any host that is not loopback. Every phase is bounded in time and in request count.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    web: { type: 'string' },
    'local-cognito': { type: 'string' },
    moto: { type: 'string' },
    'web-pid': { type: 'string' },
    'moto-pid': { type: 'string' },
    'clock-ticks': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '15' },
    'warmup-seconds': { type: 'string', default: '3' },
    'max-requests': { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    users: { type: 'string', default: '8' },
  },
});

const concurrency = Number(args.concurrency);
const seconds = Number(args.seconds);
const warmupSeconds = Number(args['warmup-seconds']);
const maxRequests = Number(args['max-requests']);
const userCount = Number(args.users);
// Each phase's time is cut into rounds that take turns, so a change in the machine's other load
// touches every phase alike and the Local Cognito / moto ratios stay fair.
const rounds = Number(args.rounds);
const password = 'Load-test-Passw0rd!';
const region = 'us-west-2';

for (const url of [args.web, args['local-cognito'], args.moto].filter(Boolean)) {
  const host = new URL(url).hostname;
  if (!(host === 'localhost' || host === '[::1]' || host.startsWith('127.'))) {
    throw new Error(`Load runs target loopback only, not ${url}`);
  }
}

// ---- AWS JSON 1.1 requests, SigV4-signed with dummy credentials (both servers accept any) ----------
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();

function sigV4Headers(url, target, body) {
  const now = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const date = now.slice(0, 8);
  const host = new URL(url).host;
  const headers = { 'content-type': 'application/x-amz-json-1.1', host, 'x-amz-date': now, 'x-amz-target': target };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(body)].join('\n');
  const scope = `${date}/${region}/cognito-idp/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', now, scope, sha256(canonical)].join('\n');
  let key = hmac('AWS4' + 'local', date);
  for (const part of [region, 'cognito-idp', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  delete headers.host;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=local/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

async function call(url, operation, input, { signed = false } = {}) {
  const target = `AWSCognitoIdentityProviderService.${operation}`;
  const body = JSON.stringify(input);
  const headers = signed
    ? sigV4Headers(url, target, body)
    : { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
  const { status, text } = await post(url, headers, body);
  if (status !== 200) throw new Error(`${operation} answered ${status}: ${text.slice(0, 300)}`);
  return text.length ? JSON.parse(text) : {};
}

// The API phases use node:http on kept-alive connections, one per concurrent worker, rather than fetch:
// fetch (undici) cost the tool about 0.35 ms of CPU per request, as much as Local Cognito's GetUser itself,
// so on 2 shared cores the tool, not the server, set the rate. Local Cognito and moto get the same client.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The same provisioning requests for every server: a pool, a public client, users with permanent passwords. */
async function provision(url, existingPool) {
  let poolId = existingPool?.poolId;
  let clientId = existingPool?.clientId;
  if (!poolId) {
    const pool = await call(url, 'CreateUserPool', { PoolName: 'load-run' }, { signed: true });
    poolId = pool.UserPool.Id;
    const client = await call(url, 'CreateUserPoolClient', {
      UserPoolId: poolId, ClientName: 'load-run', GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }, { signed: true });
    clientId = client.UserPoolClient.ClientId;
  }
  const usernames = [];
  for (let i = 0; i < userCount; i++) {
    const username = `load${i}`;
    await call(url, 'AdminCreateUser', {
      UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }],
    }, { signed: true });
    await call(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: password, Permanent: true }, { signed: true });
    usernames.push(username);
  }
  return { url, poolId, clientId, usernames };
}

// ---- the load loop ---------------------------------------------------------------------------------
const totals = new Map();

// CPU time of a server process (user + system, /proc/<pid>/stat fields 14 and 15, in clock ticks):
// CPU per operation does not depend on how much of the machine other processes take, unlike the rates.
const clockTicks = Number(args['clock-ticks']);
function cpuSeconds(pid) {
  if (!pid) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return NaN;
  }
}

async function run(name, once, { measure = true, pid } = {}) {
  const cpuBefore = cpuSeconds(pid);
  const toolBefore = process.cpuUsage();
  const duration = (measure ? seconds / rounds : warmupSeconds) * 1000;
  const latencies = [];
  let errors = 0;
  let firstError;
  let started = 0;
  const start = performance.now();
  const deadline = start + duration;
  async function worker(w) {
    for (let i = 0; performance.now() < deadline && started < maxRequests; i++) {
      started++;
      const t0 = performance.now();
      try {
        await once(w, i);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= e;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const toolUsage = process.cpuUsage(toolBefore);
  const toolCpu = (toolUsage.user + toolUsage.system) / 1e6;
  if (firstError) console.error(`${name}: ${errors} errors; first: ${firstError.message}`);
  if (measure) {
    const total = totals.get(name) ?? { name, latencies: [], errors: 0, elapsed: 0, cpu: 0, toolCpu: 0 };
    total.latencies.push(...latencies);
    total.errors += errors;
    total.elapsed += elapsed;
    total.cpu += cpu;
    total.toolCpu += toolCpu;
    totals.set(name, total);
  }
}

function summarize({ name, latencies, errors, elapsed, cpu, toolCpu }) {
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN;
  return { name, count: latencies.length, errors, perSecond: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99), elapsed, cpuMs: (cpu * 1000) / latencies.length,
    toolCpuMs: (toolCpu * 1000) / latencies.length };
}

let peakRssKb = 0;
const rssTimer = args['web-pid'] ? setInterval(() => {
  try {
    const status = readFileSync(`/proc/${args['web-pid']}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRssKb = Math.max(peakRssKb, kb);
  } catch { /* the process ended */ }
}, 100) : undefined;

/** One web sign-in as a browser does it: GET the form (antiforgery cookie and token), POST it, expect the session cookie. */
function webSignIn(users) {
  return async (w, i) => {
    const username = users[(w + i * concurrency) % users.length];
    const form = await fetch(new URL('/Account/SignIn', args.web), { redirect: 'manual' });
    const html = await form.text();
    if (form.status !== 200) throw new Error(`GET /Account/SignIn answered ${form.status}`);
    const token = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(html)?.[1];
    const cookies = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    if (!token) throw new Error('The sign-in form has no antiforgery token');
    const body = new URLSearchParams({ 'Input.Username': username, 'Input.Password': password, __RequestVerificationToken: token });
    const post = await fetch(new URL('/Account/SignIn', args.web), {
      method: 'POST', redirect: 'manual', body,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    });
    await post.arrayBuffer();
    const session = post.headers.getSetCookie().some((c) => c.startsWith('CognitoDemo.Session'));
    if (post.status !== 302 || !session) throw new Error(`POST /Account/SignIn answered ${post.status} without a session cookie`);
  };
}

function passwordAuth(target) {
  return async (w, i) => {
    const username = target.usernames[(w + i * concurrency) % target.usernames.length];
    const answer = await call(target.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: target.clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    if (!answer.AuthenticationResult?.AccessToken) throw new Error('InitiateAuth gave no tokens');
  };
}

async function getUser(target) {
  const tokens = [];
  for (const username of target.usernames) {
    const answer = await call(target.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: target.clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    tokens.push(answer.AuthenticationResult.AccessToken);
  }
  return async (w, i) => {
    const answer = await call(target.url, 'GetUser', { AccessToken: tokens[(w + i * concurrency) % tokens.length] });
    if (!answer.Username) throw new Error('GetUser gave no Username');
  };
}

const local = await provision(args['local-cognito']);
// The web app signs in to Local Cognito's default pool (the seed's pool): its users are made the same way.
const webPool = await provision(args['local-cognito'], { poolId: 'us-west-2_LocalPool', clientId: 'cognitodemopublicclient001' });
const moto = args.moto ? await provision(args.moto) : undefined;

// [name, one operation, the server process whose CPU time it costs]; the web process hosts Local Cognito.
const webPid = Number(args['web-pid']) || undefined;
const motoPid = Number(args['moto-pid']) || undefined;
const phases = [
  ['web sign-in form (GET + POST)', webSignIn(webPool.usernames), webPid],
  ['Local Cognito InitiateAuth USER_PASSWORD_AUTH', passwordAuth(local), webPid],
  ['Local Cognito GetUser', await getUser(local), webPid],
];
if (moto) {
  phases.push(['moto InitiateAuth USER_PASSWORD_AUTH', passwordAuth(moto), motoPid], ['moto GetUser', await getUser(moto), motoPid]);
}
for (const [name, once, pid] of phases) {
  await run(name, once, { measure: false, pid });
}
for (let round = 0; round < rounds; round++) {
  for (const [name, once, pid] of phases) {
    await run(name, once, { pid });
  }
}
clearInterval(rssTimer);
const results = [...totals.values()].map(summarize);

const pad = (text, n) => String(text).padEnd(n);
console.log('');
console.log(`concurrency ${concurrency}, ${seconds} s per phase in ${rounds} turns (after ${warmupSeconds} s of warm-up each)`);
console.log(`${pad('phase', 48)} ${pad('done', 7)} ${pad('errors', 7)} ${pad('per s', 8)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('server CPU ms/op', 17)} load tool CPU ms/op`);
for (const r of results) {
  const cpu = Number.isFinite(r.cpuMs) ? r.cpuMs.toFixed(2) : 'n/a';
  console.log(`${pad(r.name, 48)} ${pad(r.count, 7)} ${pad(r.errors, 7)} ${pad(r.perSecond.toFixed(1), 8)} ${pad(r.p50.toFixed(1), 8)} ${pad(r.p99.toFixed(1), 8)} ${pad(cpu, 17)} ${r.toolCpuMs.toFixed(2)}`);
}
console.log('(server CPU: user + system time of the process that answers, the web process for the form and Local Cognito,');
console.log(` moto_server for moto, per completed operation; the load tool's own CPU shares the same cores;`);
console.log(` on ${os.cpus().length} cores, N ms/op of server and tool together allows at most ${os.cpus().length}000/N op/s)`);
const find = (name) => results.find((r) => r.name === name);
if (moto) {
  const ratio = (a, b) => (find(a).perSecond / find(b).perSecond).toFixed(2);
  console.log(`ratio USER_PASSWORD_AUTH Local Cognito / moto: ${ratio('Local Cognito InitiateAuth USER_PASSWORD_AUTH', 'moto InitiateAuth USER_PASSWORD_AUTH')}`);
  console.log(`ratio GetUser Local Cognito / moto: ${ratio('Local Cognito GetUser', 'moto GetUser')}`);
  const cpuRatio = (a, b) => (find(b).cpuMs / find(a).cpuMs).toFixed(2);
  console.log(`CPU-time ratio (moto CPU/op over Local Cognito CPU/op): USER_PASSWORD_AUTH ${cpuRatio('Local Cognito InitiateAuth USER_PASSWORD_AUTH', 'moto InitiateAuth USER_PASSWORD_AUTH')}, GetUser ${cpuRatio('Local Cognito GetUser', 'moto GetUser')}`);
} else {
  console.log('moto_server is not installed: no comparison run.');
}
if (peakRssKb) console.log(`web process peak RSS: ${(peakRssKb / 1024).toFixed(0)} MB`);
const failed = results.some((r) => r.errors > 0 || r.count === 0);
process.exitCode = failed ? 1 : 0;
