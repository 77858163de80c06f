// Counts the real test results in a folder: .trx files from `dotnet test` and JUnit XML from
// `node --test`, and prints the one summary line CI reads. Exits non-zero when anything failed
// or when a .NET test project left no results (its test host crashed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, expectedTrxArg] = process.argv.slice(2);
const files = readdirSync(dir);
let passed = 0, failed = 0, skipped = 0;

const trx = files.filter(f => f.endsWith('.trx'));
for (const file of trx) {
  const xml = readFileSync(join(dir, file), 'utf8');
  const counters = xml.match(/<Counters\b[^>]*>/);
  if (!counters) { console.error(`${file}: no <Counters>; counting it as a failure`); failed++; continue; }
  const n = name => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [0, 0])[1]);
  passed += n('passed');
  failed += n('failed') + n('error') + n('timeout') + n('aborted');
  skipped += n('notExecuted') + n('inconclusive');
}

for (const file of files.filter(f => f.endsWith('.xml'))) {
  const xml = readFileSync(join(dir, file), 'utf8');
  for (const testcase of xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? []) {
    if (/<failure\b/.test(testcase) || /<error\b/.test(testcase)) failed++;
    else if (/<skipped\b/.test(testcase)) skipped++;
    else passed++;
  }
}

const expectedTrx = Number(expectedTrxArg ?? 0);
if (trx.length < expectedTrx) {
  console.error(`only ${trx.length} of ${expectedTrx} .NET test projects reported results; counting each missing one as a failure`);
  failed += expectedTrx - trx.length;
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
