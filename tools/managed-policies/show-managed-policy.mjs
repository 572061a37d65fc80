#!/usr/bin/env node
// Prints one AWS managed policy from ImAudit's copy (src/ImAudit.Engine/ManagedPolicies/Data/managed-policies.bin,
// format in README.md) as JSON: {name, arn, versions: [{versionId, date, document}]}, oldest first; date is null
// when unknown. For scripts that build sample inventories (tools/demo). Usage: node show-managed-policy.mjs NAME
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const name = process.argv[2];
if (!name) {
  console.error('usage: node show-managed-policy.mjs NAME');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const data = readFileSync(join(here, '..', '..', 'src', 'ImAudit.Engine', 'ManagedPolicies', 'Data', 'managed-policies.bin'));
const firstLine = data.indexOf(0x0a) + 1;
if (!data.subarray(0, firstLine).toString('ascii').startsWith('imaudit-managed-policies 1\t')) throw new Error('not managed-policy data version 1');
const indexLength = data.readUInt32LE(firstLine);
const chunks = firstLine + 4 + indexLength;
const lines = zlib.brotliDecompressSync(data.subarray(firstLine + 4, chunks)).toString('utf8').split('\n');
const start = lines.findIndex(l => l.startsWith(`P\t${name}\t`));
if (start < 0) {
  console.error(`\`${name}\` is not in ImAudit's copy of the AWS managed policies`);
  process.exit(1);
}
const [, , path, offset, length] = lines[start].split('\t');
const text = zlib.brotliDecompressSync(data.subarray(chunks + Number(offset), chunks + Number(offset) + Number(length)));
const versions = [];
for (const line of lines.slice(start + 1)) {
  if (!line.startsWith('V\t')) break;
  const [, versionId, date, at, size] = line.split('\t');
  versions.push({ versionId, date: date || null, document: JSON.parse(text.subarray(Number(at), Number(at) + Number(size)).toString('utf8')) });
}
versions.reverse();
console.log(JSON.stringify({ name, arn: `arn:aws:iam::aws:policy${path}${name}`, versions }, null, 2));
