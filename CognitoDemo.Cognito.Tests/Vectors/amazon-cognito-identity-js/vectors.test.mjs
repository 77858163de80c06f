// Proves the committed vectors.json is what amazon-cognito-identity-js computes today: regenerates
// it with the pinned library into a temporary file and compares byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

test('committed SRP vectors are exactly what amazon-cognito-identity-js generates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srp-vectors-'));
  try {
    const out = join(dir, 'vectors.json');
    execFileSync(process.execPath, [join(here, 'generate-vectors.mjs'), '--out', out], { stdio: 'pipe' });
    assert.equal(readFileSync(out, 'utf8'), readFileSync(join(here, 'vectors.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vectors come from the pinned library version', () => {
  const vectors = JSON.parse(readFileSync(join(here, 'vectors.json'), 'utf8'));
  const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['amazon-cognito-identity-js'];
  assert.equal(vectors.source.version, pinned);
});
