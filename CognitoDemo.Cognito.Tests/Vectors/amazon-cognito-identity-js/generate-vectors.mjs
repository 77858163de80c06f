// Generates Cognito SRP (USER_SRP_AUTH) client test vectors using the OFFICIAL
// `amazon-cognito-identity-js` package (by AWS). All SRP math is done by the
// library's own code (AuthenticationHelper, BigInteger, CognitoUser, DateHelper);
// this script only fixes the inputs (small a, clock, server challenge) and records
// what the library computes and sends.
//
// Run:  npm ci && node generate-vectors.mjs
// Output: vectors.json (deterministic; re-running produces a byte-identical file).
//
// node:crypto is used ONLY to derive arbitrary-but-fixed INPUT values
// (small a, SRP_B, secret block bytes) from readable labels. It is never used for
// any value that is being recorded as library output.

import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

const PKG = 'amazon-cognito-identity-js';
const lib = require(PKG); // lib/index.js (CommonJS build)
const {
	AuthenticationDetails,
	AuthenticationHelper,
	CognitoUser,
	CognitoUserPool,
	DateHelper,
} = lib;
const BigInteger = require(`${PKG}/lib/BigInteger.js`).default;
const pkgVersion = JSON.parse(
	readFileSync(require.resolve(`${PKG}/package.json`), 'utf8')
).version;

// Sanity: the AuthenticationHelper exported by the package is the very class that
// CognitoUser uses internally (same CommonJS module instance), so prototype
// patches below affect the real flow.
if (require(`${PKG}/lib/AuthenticationHelper.js`).default !== AuthenticationHelper) {
	throw new Error('AuthenticationHelper module identity mismatch');
}

// ---------------------------------------------------------------------------
// Input derivation helpers (inputs only; NOT SRP math)
// ---------------------------------------------------------------------------

/** Deterministic pseudo-random bytes: SHA-256(`${label}|${i}`) concatenated, truncated. */
function expandBytes(label, nBytes) {
	const blocks = [];
	for (let i = 0; blocks.length * 32 < nBytes; i++) {
		blocks.push(createHash('sha256').update(`${label}|${i}`, 'utf8').digest());
	}
	return Buffer.concat(blocks).subarray(0, nBytes);
}

const LABEL_PREFIX = 'cognito-srp-vector';

// A throw-away helper instance just to read the library's N (RFC 3526 group 15).
const referenceHelper = new AuthenticationHelper('Reference');
const N = referenceHelper.N;

/** SRP_B as a hex string (as a server would send it): 384 expanded bytes mod N, lowercase, no leading zeros. */
function deriveSrpBHex(label) {
	const raw = new BigInteger(expandBytes(`${LABEL_PREFIX}|srp-b|${label}`, 384).toString('hex'), 16);
	const b = raw.mod(N);
	if (b.equals(BigInteger.ZERO)) throw new Error(`SRP_B for ${label} is 0 mod N`);
	return b.toString(16);
}

/** A full-size small a (128 bytes, like the library's generateRandomSmallA). */
function deriveSmallAHex(label) {
	return new BigInteger(expandBytes(`${LABEL_PREFIX}|small-a|${label}`, 128).toString('hex'), 16).toString(16);
}

function deriveSecretBlockBase64(label, nBytes) {
	return expandBytes(`${LABEL_PREFIX}|secret-block|${label}`, nBytes).toString('base64');
}

// ---------------------------------------------------------------------------
// Vector specifications (fixed inputs)
// ---------------------------------------------------------------------------

const specs = [
	{
		name: 'ascii-basic',
		description:
			'Plain ASCII inputs. Login alias (email) differs from USER_ID_FOR_SRP (a sub UUID); the library uses USER_ID_FOR_SRP for x and the signature. Timestamp has a single-digit day (not zero padded).',
		userPoolId: 'us-east-1_Pj8nlkpKR',
		loginUsername: 'alice@example.com',
		userIdForSrp: '7c5e2a30-1b4f-4d8e-9a61-3f0c2b9d8e71',
		password: 'Passw0rd!',
		smallA: deriveSmallAHex('ascii-basic'),
		saltHex: '1f0e7d3c5b8a9e2d4c6b0a1f3e5d7c9b',
		srpBHex: deriveSrpBHex('ascii-basic'),
		secretBlockBase64: deriveSecretBlockBase64('ascii-basic', 300),
		epochMillis: Date.UTC(2024, 2, 5, 9, 7, 3, 456), // Tue Mar 5 09:07:03 UTC 2024
	},
	{
		name: 'non-ascii-username',
		description:
			'USER_ID_FOR_SRP and login username are "Zo\u00eb" (precomposed U+00EB, UTF-8 C3 AB); no Unicode normalization is applied by the library. Salt has its most significant bit set, so padHex(salt) is 00||salt (17 bytes).',
		userPoolId: 'eu-west-2_AbCdEf123',
		loginUsername: 'Zo\u00eb',
		userIdForSrp: 'Zo\u00eb',
		password: 'correct horse battery staple',
		smallA: deriveSmallAHex('non-ascii-username'),
		saltHex: 'c3a1b2c4d5e6f70819a2b3c4d5e6f708',
		srpBHex: deriveSrpBHex('non-ascii-username'),
		secretBlockBase64: deriveSecretBlockBase64('non-ascii-username', 301),
		epochMillis: Date.UTC(2025, 11, 31, 23, 59, 59, 999), // Wed Dec 31 23:59:59 UTC 2025
	},
	{
		name: 'non-ascii-password',
		description:
			'Password contains Latin-1, CJK and an astral-plane emoji (UTF-16 surrogate pair in JS; hashed as UTF-8). USER_ID_FOR_SRP with non-ASCII as well. Salt starts with a 00 byte followed by a byte < 0x80, so padHex(salt) drops the leading zero byte (15 bytes).',
		userPoolId: 'ap-southeast-2_XyZ987wv',
		loginUsername: 'j\u00fcrgen.m\u00fcller@example.de',
		userIdForSrp: 'J\u00fcrgen-\u00df-\u65e5\u672c',
		password: 'p\u00e4ssw\u00f6rd-\u5bc6\u7801-\u{1F511}',
		smallA: deriveSmallAHex('non-ascii-password'),
		saltHex: '003a5c7e9f1b3d5f7193b5d7f9e1c3a5',
		srpBHex: deriveSrpBHex('non-ascii-password'),
		secretBlockBase64: deriveSecretBlockBase64('non-ascii-password', 302),
		epochMillis: Date.UTC(2024, 1, 29, 0, 0, 0, 0), // Thu Feb 29 00:00:00 UTC 2024
	},
	{
		name: 'tiny-small-a',
		description:
			'Tiny small a = 0x3ff (1023), so A = 2^1023 exactly: SRP_A is "8" followed by 255 zeros (256 hex digits, far fewer than 768) and padHex(A) prepends 00 because the top bit is set.',
		userPoolId: 'us-west-2_Q1w2E3r4T',
		loginUsername: 'bob',
		userIdForSrp: 'bob',
		password: 'hunter2',
		smallA: '3ff',
		saltHex: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		srpBHex: deriveSrpBHex('tiny-small-a'),
		secretBlockBase64: deriveSecretBlockBase64('tiny-small-a', 320),
		epochMillis: Date.UTC(2023, 6, 1, 12, 34, 56, 0), // Sat Jul 1 12:34:56 UTC 2023
	},
	{
		name: 'short-A-and-u-leading-zero-byte',
		description:
			'Full-size (128-byte) small a chosen so that A < 16^767: SRP_A as sent has 767 hex digits (ODD length, leading zero nibble stripped); padHex(A) is 0||SRP_A (384 bytes). SRP_B chosen so SHA-256(padHex(A)||padHex(B)) starts with a 00 byte followed by a byte < 0x80, so u has < 64 hex digits and padHex(u) (the HKDF salt) is only 31 bytes.',
		userPoolId: 'us-east-1_Pj8nlkpKR',
		loginUsername: 'carol',
		userIdForSrp: '0b8f6c1e-5a2d-4e7f-8c3b-9d0a1e2f3a4b',
		password: 'S3cure!Pass#2024',
		// Counter 17 is the first counter for which A has 767 hex digits (found once by
		// trying counters 0,1,2,... with the library's calculateA; asserted below via `expect`).
		smallA: deriveSmallAHex('short-A|17'),
		saltHex: '7e3d1c0b9a8f6e5d4c3b2a1908f7e6d5',
		// Counter 641 is the first for which padHex(u) < 32 bytes (found once by trying
		// counters 0,1,2,... with the library's calculateU; asserted below via `expect`).
		srpBHex: deriveSrpBHex('u-leading-zero|641'),
		secretBlockBase64: deriveSecretBlockBase64('short-A', 310),
		epochMillis: Date.UTC(2026, 0, 9, 5, 6, 7, 0), // Fri Jan 9 05:06:07 UTC 2026
		expect: { largeAHexLength: 767, uHashLeadingZeroByte: true },
	},
	{
		name: 'S-leading-zero-byte',
		description:
			'SRP_B chosen so that the premaster secret S < 2^3064 with next byte < 0x80: padHex(S) (the HKDF input keying material) is shorter than 384 bytes. A fixed-width 384-byte encoding of S would give a different key.',
		userPoolId: 'us-east-1_Pj8nlkpKR',
		loginUsername: 'dave',
		userIdForSrp: 'dave',
		password: 'Tr0ub4dor&3',
		smallA: deriveSmallAHex('S-leading-zero-byte'),
		saltHex: 'a0b1c2d3e4f5061728394a5b6c7d8e9f',
		// Counter 1136 is the first for which padHex(S) < 384 bytes (found once by trying
		// counters 0,1,2,... with the library's getPasswordAuthenticationKey; asserted below).
		srpBHex: deriveSrpBHex('S-leading-zero|1136'),
		secretBlockBase64: deriveSecretBlockBase64('S-leading-zero-byte', 303),
		epochMillis: Date.UTC(2024, 10, 17, 18, 45, 30, 0), // Sun Nov 17 18:45:30 UTC 2024
		expect: { sPadHexBytesLessThan: 384 },
	},
];

// ---------------------------------------------------------------------------
// Instrumentation of the library (capture only; values are computed by the library)
// ---------------------------------------------------------------------------

const proto = AuthenticationHelper.prototype;
const originalGenerateRandomSmallA = proto.generateRandomSmallA;
const originalCalculateS = proto.calculateS;
const originalGetPasswordAuthenticationKey = proto.getPasswordAuthenticationKey;
const RealDate = globalThis.Date;

function withFixedDate(epochMillis, fn) {
	class FixedDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(epochMillis);
			else super(...args);
		}
		static now() {
			return epochMillis;
		}
	}
	globalThis.Date = FixedDate;
	try {
		return fn();
	} finally {
		globalThis.Date = RealDate;
	}
}

/** Installs capturing wrappers; returns the capture object. */
function instrument(smallAHex) {
	const capture = {};
	proto.generateRandomSmallA = function fixedSmallA() {
		return new BigInteger(smallAHex, 16);
	};
	proto.calculateS = function capturingCalculateS(xValue, serverBValue, callback) {
		capture.x = xValue;
		return originalCalculateS.call(this, xValue, serverBValue, (err, s) => {
			capture.S = s;
			callback(err, s);
		});
	};
	proto.getPasswordAuthenticationKey = function capturingGetKey(username, password, serverBValue, salt, callback) {
		capture.helper = this;
		capture.usernameUsedForX = username;
		return originalGetPasswordAuthenticationKey.call(this, username, password, serverBValue, salt, (err, hkdf) => {
			capture.hkdf = hkdf;
			callback(err, hkdf);
		});
	};
	return capture;
}

function uninstrument() {
	proto.generateRandomSmallA = originalGenerateRandomSmallA;
	proto.calculateS = originalCalculateS;
	proto.getPasswordAuthenticationKey = originalGetPasswordAuthenticationKey;
}

function nullStorage() {
	const m = new Map();
	return {
		setItem: (k, v) => m.set(k, String(v)),
		getItem: k => (m.has(k) ? m.get(k) : null),
		removeItem: k => m.delete(k),
		clear: () => m.clear(),
	};
}

/** Drives the real CognitoUser.authenticateUser (USER_SRP_AUTH) flow against a fake client. */
function runAuthenticateUserFlow(spec) {
	const capture = instrument(spec.smallA);
	try {
		return withFixedDate(spec.epochMillis, () => {
			const storage = nullStorage();
			const pool = new CognitoUserPool({
				UserPoolId: spec.userPoolId,
				ClientId: 'vectorsclientid0123456789',
				Storage: storage,
			});
			const requests = [];
			pool.client = {
				request(operation, params, callback) {
					requests.push({ operation, params: JSON.parse(JSON.stringify(params)) });
					if (operation === 'InitiateAuth') {
						return callback(null, {
							ChallengeName: 'PASSWORD_VERIFIER',
							ChallengeParameters: {
								SALT: spec.saltHex,
								SRP_B: spec.srpBHex,
								SECRET_BLOCK: spec.secretBlockBase64,
								USERNAME: spec.userIdForSrp,
								USER_ID_FOR_SRP: spec.userIdForSrp,
							},
							Session: 'fake-session',
						});
					}
					if (operation === 'RespondToAuthChallenge') {
						const e = new Error('vector capture complete');
						e.code = 'VectorCaptureStop';
						return callback(e, null);
					}
					throw new Error(`unexpected operation ${operation}`);
				},
			};
			const user = new CognitoUser({ Username: spec.loginUsername, Pool: pool, Storage: storage });
			const details = new AuthenticationDetails({ Username: spec.loginUsername, Password: spec.password });
			let outcome;
			user.authenticateUser(details, {
				onSuccess: () => {
					outcome = 'unexpected success';
				},
				onFailure: err => {
					outcome = err && err.code === 'VectorCaptureStop' ? 'ok' : err;
				},
			});
			// Everything in the library is synchronous with the fake client.
			if (outcome !== 'ok') throw new Error(`flow for ${spec.name} did not complete: ${outcome}`);
			return { capture, requests, userPoolName: pool.getUserPoolName() };
		});
	} finally {
		uninstrument();
	}
}

/** Direct use of AuthenticationHelper (no CognitoUser), as a cross-check of the flow. */
function runDirect(spec, poolName) {
	const helper = new AuthenticationHelper(poolName); // draws a random a in its constructor...
	helper.smallAValue = new BigInteger(spec.smallA, 16); // ...which we override
	helper.largeAValue = undefined;
	let largeA;
	helper.getLargeAValue((err, A) => {
		if (err) throw err;
		largeA = A;
	});
	let hkdf;
	helper.getPasswordAuthenticationKey(
		spec.userIdForSrp,
		spec.password,
		new BigInteger(spec.srpBHex, 16),
		new BigInteger(spec.saltHex, 16),
		(err, key) => {
			if (err) throw err;
			hkdf = key;
		}
	);
	if (!largeA || !hkdf) throw new Error('library callbacks were not invoked synchronously');
	return { helper, largeA, hkdf: Buffer.from(hkdf) };
}

function padHexBytes(helper, bigInt) {
	return helper.padHex(bigInt).length / 2;
}

// ---------------------------------------------------------------------------
// Generate
// ---------------------------------------------------------------------------

function generateVector(spec) {
	const flow = runAuthenticateUserFlow(spec);
	const { capture, requests, userPoolName } = flow;
	const initiate = requests.find(r => r.operation === 'InitiateAuth');
	const respond = requests.find(r => r.operation === 'RespondToAuthChallenge');
	if (!initiate || !respond) throw new Error('missing captured requests');
	const resp = respond.params.ChallengeResponses;

	const helper = capture.helper;
	const largeA = helper.largeAValue;

	// Cross-check with a direct AuthenticationHelper computation.
	const direct = runDirect(spec, userPoolName);
	if (direct.largeA.toString(16) !== largeA.toString(16)) throw new Error(`${spec.name}: A mismatch flow vs direct`);
	if (!direct.hkdf.equals(Buffer.from(capture.hkdf))) throw new Error(`${spec.name}: hkdf mismatch flow vs direct`);
	if (direct.helper.UValue.toString(16) !== helper.UValue.toString(16)) throw new Error(`${spec.name}: u mismatch`);
	if (initiate.params.AuthParameters.SRP_A !== largeA.toString(16)) throw new Error(`${spec.name}: SRP_A mismatch`);

	const properties = {
		largeAHexLength: largeA.toString(16).length,
		largeAPadHexBytes: padHexBytes(helper, largeA),
		srpBPadHexBytes: padHexBytes(helper, new BigInteger(spec.srpBHex, 16)),
		saltPadHexBytes: padHexBytes(helper, new BigInteger(spec.saltHex, 16)),
		uHashHex: helper.UHexHash,
		uPadHexBytes: padHexBytes(helper, helper.UValue),
		sPadHexBytes: padHexBytes(helper, capture.S),
		secretBlockBytes: Buffer.from(spec.secretBlockBase64, 'base64').length,
	};

	if (spec.expect) {
		const e = spec.expect;
		if (e.largeAHexLength !== undefined && properties.largeAHexLength !== e.largeAHexLength)
			throw new Error(`${spec.name}: expected A hex length ${e.largeAHexLength}, got ${properties.largeAHexLength}`);
		if (e.uHashLeadingZeroByte && !(properties.uPadHexBytes < 32))
			throw new Error(`${spec.name}: expected u with a leading zero byte (padHex < 32 bytes)`);
		if (e.sPadHexBytesLessThan !== undefined && !(properties.sPadHexBytes < e.sPadHexBytesLessThan))
			throw new Error(`${spec.name}: expected padHex(S) < ${e.sPadHexBytesLessThan} bytes, got ${properties.sPadHexBytes}`);
	}

	return {
		name: spec.name,
		description: spec.description,
		userPoolId: spec.userPoolId,
		poolName: userPoolName,
		loginUsername: spec.loginUsername,
		userIdForSrp: spec.userIdForSrp,
		password: spec.password,
		smallA: helper.smallAValue.toString(16),
		largeA: largeA.toString(16),
		saltHex: spec.saltHex,
		srpBHex: spec.srpBHex,
		u: helper.UValue.toString(16),
		x: capture.x.toString(16),
		S: capture.S.toString(16),
		hkdfKeyBase64: Buffer.from(capture.hkdf).toString('base64'),
		hkdfKeyHex: Buffer.from(capture.hkdf).toString('hex'),
		secretBlockBase64: spec.secretBlockBase64,
		epochMillis: spec.epochMillis,
		timestamp: resp.TIMESTAMP,
		signatureBase64: resp.PASSWORD_CLAIM_SIGNATURE,
		sentInitiateAuth: {
			AuthFlow: initiate.params.AuthFlow,
			AuthParameters: initiate.params.AuthParameters,
		},
		sentRespondToAuthChallenge: {
			ChallengeName: respond.params.ChallengeName,
			ChallengeResponses: resp,
		},
		properties,
	};
}

const vectors = specs.map(generateVector);

const output = {
	source: {
		package: PKG,
		version: pkgVersion,
		generator: 'generate-vectors.mjs (drives CognitoUser.authenticateUser with a fake client; see README.md)',
	},
	group: {
		N: referenceHelper.N.toString(16),
		g: referenceHelper.g.toString(16),
		k: referenceHelper.k.toString(16),
		hkdfInfo: 'Caldera Derived Key',
	},
	vectors,
};

// `--out FILE` writes elsewhere (the check in vectors.test.mjs regenerates into a temporary file).
const outArg = process.argv.indexOf('--out');
const outFile = outArg > 0 ? process.argv[outArg + 1] : join(here, 'vectors.json');
writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`, 'utf8');
console.log(`wrote ${vectors.length} vectors from ${PKG}@${pkgVersion} to ${outFile}`);
