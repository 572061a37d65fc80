// Random identity policies, permissions boundaries and resource policies for one request. Patterns and names
// are drawn near the request (its action, its resource, the caller's chain) so that statements apply often
// enough to matter, and from elsewhere so that they also often do not.
import { ACCOUNTS, ROLES, SERVICES, randomPrincipalName, rootArn } from './principals.mjs';
import { TIMES } from './context.mjs';
import { TYPES, WILDCARD_ONLY } from './targets.mjs';
import { pick, subset, weighted } from './random.mjs';

export function randomPolicies(random, world) {
  const service = world.caller.kind === 'service';
  const identity = service ? [] : Array.from({ length: random.int(1, 2) }, () => document(random, world, 'identity', random.int(1, 3)));
  const boundary = !service && random.chance(0.3) ? [document(random, world, 'boundary', random.int(1, 2))] : undefined;
  const resourceTraits = [];
  const resource = random.chance(service ? 0.9 : 0.6) ? document(random, world, 'resource', random.int(1, 3), resourceTraits) : undefined;
  return { identity, boundary, resource, resourceTraits: [...new Set(resourceTraits)] };
}

function document(random, world, role, statements, traits = []) {
  const doc = { Version: '2012-10-17', Statement: Array.from({ length: statements }, () => statement(random, world, role, traits)) };
  return doc;
}

function statement(random, world, role, traits) {
  const allowWeight = { identity: 75, boundary: 85, resource: 65 }[role];
  const effect = random.next() * 100 < allowWeight ? 'Allow' : 'Deny';
  const s = { Effect: effect };
  let principalIsEveryone = false;
  if (role === 'resource') {
    const principal = principalElement(random, world, effect, traits);
    Object.assign(s, principal.element);
    principalIsEveryone = principal.everyone;
  }
  Object.assign(s, actionElement(random, world, role));
  Object.assign(s, resourceElement(random, world));
  const conditions = random.next() < (principalIsEveryone ? 0.75 : 0.4) ? condition(random, world, principalIsEveryone) : undefined;
  if (conditions) s.Condition = conditions;
  return s;
}

// ---- Principal / NotPrincipal (resource policies) ----

function principalElement(random, world, effect, traits) {
  const { caller, chain } = world;
  if (effect === 'Deny' && caller.kind !== 'service' && random.chance(0.3)) {
    traits.push('NotPrincipal');
    // Part or all of a chain: the caller's own (account, role, session / user) or someone else's.
    const names = random.chance(0.75) ? chain.names : chainNames(random, pick(random, ACCOUNTS));
    const listed = subset(random, names.filter((n) => !/^\d{12}$/.test(n) || random.chance(0.5)));
    return { element: { NotPrincipal: { AWS: one(listed) } }, everyone: false };
  }
  const kind = weighted(random, [[14, 'everyone'], [4, 'aws-everyone'], [40, 'chain'], [22, 'other'], [10, 'service'], [10, 'mixed']]);
  switch (kind) {
    case 'everyone':
      traits.push('*');
      return { element: { Principal: '*' }, everyone: true };
    case 'aws-everyone':
      traits.push('AWS *');
      return { element: { Principal: { AWS: '*' } }, everyone: true };
    case 'service': {
      traits.push('service');
      const name = caller.kind === 'service' && random.chance(0.7) ? caller.arn : pick(random, SERVICES);
      return { element: { Principal: { Service: name } }, everyone: false };
    }
    case 'chain': {
      if (caller.kind === 'service') return { element: { Principal: { Service: caller.arn } }, everyone: false };
      const name = pick(random, chain.names);
      traits.push(traitOf(name));
      return { element: { Principal: { AWS: name } }, everyone: false };
    }
    case 'other': {
      const name = randomPrincipalName(random, random.chance(0.5) ? chain.account : undefined);
      traits.push(traitOf(name));
      return { element: { Principal: { AWS: name } }, everyone: false };
    }
    default: {
      const names = [randomPrincipalName(random, chain.account), randomPrincipalName(random)];
      traits.push(...names.map(traitOf));
      const element = { AWS: names };
      if (random.chance(0.3)) element.Service = pick(random, SERVICES);
      return { element: { Principal: element }, everyone: false };
    }
  }
}

function chainNames(random, account) {
  const role = pick(random, Object.keys(ROLES));
  return [account, rootArn(account), `arn:aws:iam::${account}:role${ROLES[role]}${role}`, `arn:aws:sts::${account}:assumed-role/${role}/s1`];
}

function traitOf(name) {
  if (/^\d{12}$/.test(name)) return 'account id';
  if (name.endsWith(':root')) return 'account root';
  if (name.includes(':assumed-role/')) return 'session ARN';
  if (name.includes(':role/')) return 'role ARN';
  if (name.includes(':user/')) return 'user ARN';
  return name;
}

const one = (list) => (list.length === 1 ? list[0] : list);

// ---- Action / NotAction ----

const ALL_ACTIONS = [...new Set([...TYPES.flatMap((t) => t.actions), ...WILDCARD_ONLY])];

function actionElement(random, world, role) {
  const action = world.target.action;
  const [service, name] = action.split(':');
  const sameService = ALL_ACTIONS.filter((a) => a.startsWith(service + ':') && a !== action);
  const other = () => pick(random, sameService.length && random.chance(0.7) ? sameService : ALL_ACTIONS.filter((a) => a !== action));
  return weighted(random, [
    [role === 'boundary' ? 10 : 28, () => ({ Action: action })],
    [role === 'boundary' ? 30 : 14, () => ({ Action: `${service}:*` })],
    [8, () => ({ Action: `${service}:${name.slice(0, 3)}*` })],
    [role === 'boundary' ? 20 : 6, () => ({ Action: '*' })],
    [14, () => ({ Action: other() })],
    [10, () => ({ Action: [other(), action] })],
    [4, () => ({ Action: action.toLowerCase() })],
    [2, () => ({ Action: `${service}:?${name.slice(1)}` })],
    [5, () => ({ NotAction: other() })],
    [2, () => ({ NotAction: action })],
  ]);
}

// ---- Resource / NotResource ----

function resourceElement(random, world) {
  const { target, caller } = world;
  if (!target.type) {
    // A wildcard-only action: only `*` (or a pattern that cannot match `*`).
    return weighted(random, [[8, { Resource: '*' }], [2, () => ({ Resource: `${TYPES[0].prefix(target.account)}*` })]]);
  }
  const type = target.type;
  const otherAccount = pick(random, ACCOUNTS.filter((a) => a !== target.account));
  const region = target.region;
  const otherRegion = region === 'us-east-1' ? 'eu-west-1' : 'us-east-1';
  const id = target.resource.slice(target.prefix.length);
  const pattern = () => weighted(random, [
    [20, target.resource],
    [14, '*'],
    [16, `${target.prefix}*`],
    [5, type.regional ? type.prefix(target.account, '*') + '*' : `arn:aws:${serviceOf(target)}:*:${target.account}:${target.prefix.split(':').slice(5).join(':')}*`],
    [6, type.prefix(otherAccount, region) + '*'],
    [3, () => (type.regional ? type.prefix(target.account, otherRegion) + id : target.resource)],
    [8, () => target.prefix + pick(random, ['Payments', 'red', 'oncall-a', 'alice', 'incident-alerts', 'runbook', 'Payments/*'])],
    [3, () => target.prefix + id.slice(0, -1) + '?'],
    [4, () => type.prefix('${aws:PrincipalAccount}', region) + '*'],
    [4, () => target.prefix + '${aws:username}'],
    [3, () => target.prefix + "${aws:PrincipalTag/team, 'red'}"],
    [2, () => target.prefix + '${aws:PrincipalTag/team}*'],
    [2, `arn:aws:${serviceOf(target)}:*:*:*`],
    [caller.kind === 'service' ? 0 : 1, () => target.resource.toLowerCase()],
  ]);
  const not = random.chance(0.08);
  // AWS does not say how a negated match reads a variable with no value, so NotResource never names one.
  const usable = (p) => !not || resolvable(p, world);
  const draw = () => { for (;;) { const p = pattern(); if (usable(p)) return p; } };
  const patterns = random.chance(0.2) ? [draw(), draw()] : [draw()];
  return not ? { NotResource: one(patterns) } : { Resource: one(patterns) };
}

const serviceOf = (target) => target.action.split(':')[0];

/** Every policy variable in the text names a key the request gives (or has a default). */
function resolvable(text, world) {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].every((m) => m[1].includes(',') || ['*', '?', '$'].includes(m[1]) || world.given.has(m[1].trim().toLowerCase()));
}

// ---- Condition ----

// Condition keys by family, with values near the ones the context generator uses.
const KEYS = [
  { key: 'aws:PrincipalTag/team', family: 'string', values: ['red', 'blue', 'Red', 'r*', '${aws:username}'] },
  { key: 'aws:RequestedRegion', family: 'string', values: ['us-east-1', 'eu-west-1', 'us-*'] },
  { key: 'aws:username', family: 'string', values: ['alice', 'bob', 'ALICE', 'a*', '${aws:PrincipalTag/team}'] },
  { key: 'aws:PrincipalOrgID', family: 'string', principal: true, values: ['o-aaaa1111aa', 'o-cccc3333cc', 'o-aaaa*'] },
  { key: 'aws:PrincipalAccount', family: 'string', principal: true, values: [...ACCOUNTS, '1111*'] },
  { key: 'aws:ResourceAccount', family: 'string', values: [...ACCOUNTS, '${aws:PrincipalAccount}'] },
  { key: 'aws:PrincipalType', family: 'string', values: ['User', 'AssumedRole'] },
  { key: 'aws:userid', family: 'string', values: ['AIDAALICE', 'AROARESPONDER:*', '*:s1', 'AROA*'] },
  { key: 'aws:ResourceTag/env', family: 'string', values: ['prod', 'dev', 'pr*'] },
  { key: 'aws:RequestTag/env', family: 'string', values: ['prod', 'dev', '${aws:PrincipalTag/team}'] },
  { key: 'aws:PrincipalServiceName', family: 'string', values: SERVICES },
  { key: 'aws:SourceAccount', family: 'string', values: ACCOUNTS },
  { key: 'aws:PrincipalArn', family: 'arn', principal: true, values: [
    'arn:aws:iam::111122223333:role/Responder', 'arn:aws:iam::111122223333:role/ops/Oncall', 'arn:aws:iam::*:role/Responder',
    'arn:aws:iam::111122223333:role/*', 'arn:aws:iam::222233334444:*', 'arn:aws:iam::111122223333:user/alice',
    'arn:aws:sts::111122223333:assumed-role/Responder/s1', 'arn:aws:iam::${aws:PrincipalAccount}:user/*'] },
  { key: 'aws:SourceArn', family: 'arn', values: ['arn:aws:ssm-incidents::111122223333:response-plan/*', 'arn:aws:ssm-incidents::*:response-plan/Payments'] },
  { key: 'aws:MultiFactorAuthAge', family: 'numeric', values: ['300', '3600', '86400'] },
  { key: 'aws:CurrentTime', family: 'date', values: [...TIMES.iso, '2026-03-01T00:00:00Z'], odd: TIMES.epoch },
  { key: 'aws:TokenIssueTime', family: 'date', values: ['2026-06-15T00:00:00Z', '2026-06-15T11:00:00Z'] },
  { key: 'aws:EpochTime', family: 'date', values: [...TIMES.epoch, '1772323200'], odd: TIMES.iso },
  { key: 'aws:SecureTransport', family: 'bool' },
  { key: 'aws:MultiFactorAuthPresent', family: 'bool' },
  { key: 'aws:ViaAWSService', family: 'bool' },
  { key: 'aws:PrincipalIsAWSService', family: 'bool' },
  { key: 'aws:SourceIp', family: 'ip', values: ['203.0.113.0/24', '198.51.100.7/32', '10.0.0.0/8', '2001:db8::/32', '203.0.113.9'] },
  { key: 'aws:TagKeys', family: 'string', multi: true, values: ['env', 'team', 'e*'] },
  { key: 'aws:CalledVia', family: 'string', multi: true, values: ['cloudformation.amazonaws.com', 'ssm-incidents.amazonaws.com'] },
  { key: 'aws:PrincipalOrgPaths', family: 'string', multi: true, principal: true, values: ['o-aaaa1111aa/*', 'o-aaaa1111aa/r-ab12/ou-ab12-11111111/'] },
];

const OPERATORS = {
  string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike', 'StringEquals'],
  numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
};

function condition(random, world, principalIsEveryone) {
  const block = {};
  const count = weighted(random, [[70, 1], [25, 2], [5, 3]]);
  for (let i = 0; i < count; i++) {
    const spec = principalIsEveryone && random.chance(0.6) ? pick(random, KEYS.filter((k) => k.principal)) : pick(random, KEYS);
    const [operator, values] = random.chance(0.1) ? ['Null', pick(random, ['true', 'false'])] : operatorAndValues(random, spec, world);
    const key = random.chance(0.03) ? spec.key.toLowerCase() : spec.key;
    block[operator] = { ...(block[operator] ?? {}), [key]: values };
  }
  return block;
}

function operatorAndValues(random, spec, world) {
  let operator = pick(random, OPERATORS[spec.family]);
  if (random.chance(0.15)) operator += 'IfExists';
  // AWS: "Multivalued context keys require a condition set operator"; what happens without one is not
  // documented, so multivalued keys always get one. Single-valued keys get one now and then.
  if (spec.multi || random.chance(0.04)) operator = `${pick(random, ['ForAnyValue', 'ForAllValues'])}:${operator}`;
  // AWS does not say how a negated operator reads a variable with no value: none are generated.
  const negated = /Not(Equals|Like)/.test(operator);
  const candidates = negated ? (spec.values ?? []).filter((v) => resolvable(v, world)) : spec.values;
  const value = () => {
    if (spec.family === 'bool') return pick(random, ['true', 'false']);
    if (spec.odd && random.chance(0.04)) return pick(random, spec.odd);
    return pick(random, candidates);
  };
  const values = random.chance(0.25) ? [...new Set([value(), value()])] : [value()];
  return [operator, one(values)];
}

