// Generates random IAM requests with @cloud-copilot/iam-simulate's decision (Strict mode), for ImAudit's
// differential test (tests/ImAudit.Engine.Tests/Differential). A test tool only: iam-simulate is AGPL and is
// never shipped with ImAudit.
//
//   node generate.mjs SEED COUNT OUT.jsonl
//
// Writes one JSON case a line to OUT.jsonl and one summary line (JSON) to stdout: how many cases were
// generated, written and rejected by iam-simulate's validation, by reason. The same SEED gives the same file:
// the only randomness is lib/random.mjs's seeded PRNG (no Math.random, no clock).
//
// Every case is complete: each context key a policy names is either given or listed in `absent`, and the
// context is what AWS would send for the principal (for a role session, aws:PrincipalArn is the role's ARN).
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { generateCase } from './lib/case.mjs';

if (isMainThread) {
  const [seedText, countText, out] = process.argv.slice(2);
  if (!seedText || !countText || !out) {
    console.error('usage: node generate.mjs SEED COUNT OUT.jsonl');
    process.exit(2);
  }
  const seed = Number.parseInt(seedText, 10);
  const count = Number.parseInt(countText, 10);
  // Cases are independent (each has its own PRNG), so threads split the range and the file is the same
  // whatever the number of threads.
  const cores = os.availableParallelism?.() ?? os.cpus().length; // availableParallelism: Node 18.14+
  const threads = Math.max(1, Math.min(cores, 4, Math.ceil(count / 250)));
  const size = Math.ceil(count / threads);
  const parts = await Promise.all(Array.from({ length: threads }, (_, t) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { seed, from: t * size + 1, to: Math.min(count, (t + 1) * size) } });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  const lines = parts.flatMap((p) => p.lines);
  const rejected = {};
  for (const reason of parts.flatMap((p) => p.rejected)) rejected[reason] = (rejected[reason] ?? 0) + 1;
  writeFileSync(out, lines.length ? lines.join('\n') + '\n' : '');
  const rejectedTotal = Object.values(rejected).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ seed, generated: count, written: lines.length, rejected: rejectedTotal, rejectedBy: rejected }));
} else {
  const { seed, from, to } = workerData;
  const lines = [];
  const rejected = [];
  for (let n = from; n <= to; n++) {
    const result = await generateCase(seed, n);
    if (result.line) lines.push(result.line);
    else rejected.push(result.rejected);
  }
  parentPort.postMessage({ lines, rejected });
}
