// One generated case: a random request from its own PRNG (seeded by the run's seed and the case number, so a
// case does not depend on the others and the run can be split across threads), with iam-simulate's decision.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prng } from './random.mjs';
import { chainOf, randomCaller } from './principals.mjs';
import { randomRequestTarget } from './targets.mjs';
import { MULTI_VALUED, randomContext } from './context.mjs';
import { randomPolicies } from './policies.mjs';
import { keysNamedIn } from './keys.mjs';

// iam-simulate looks an action's resource types up twice for every request, a good part of its time here; the
// answer depends only on the service, the action and the resource, so it is memoized. Its CommonJS build calls
// that function through the module's exports object, which can be patched. Should a later version move it, the
// generator only gets slower.
const require = createRequire(import.meta.url);
const { allowedContextKeysForRequest, runSimulation } = require('@cloud-copilot/iam-simulate');
memoizeResourceTypeLookups();

function memoizeResourceTypeLookups() {
  let module;
  try {
    module = require(join(dirname(require.resolve('@cloud-copilot/iam-simulate')), 'simulation_engine', 'resourceTypes.js'));
  } catch {
    return;
  }
  const lookUp = module.getResourceTypesForAction;
  if (typeof lookUp !== 'function') return;
  const memo = new Map();
  module.getResourceTypesForAction = (service, action, resource) => {
    const key = `${service}:${action} ${resource}`;
    if (!memo.has(key)) memo.set(key, lookUp(service, action, resource));
    return memo.get(key);
  };
}

export async function generateCase(seed, n) {
  const random = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(n, 0x85ebca77));
  const caller = randomCaller(random);
  const target = randomRequestTarget(random, caller);
  const [service, action] = target.action.split(':');
  const allowed = await allowedKeys(service, action, target);
  const world = { caller, target, chain: chainOf(caller) };
  const context = randomContext(random, world, (key) => allowed.has(key.toLowerCase()) || allowedByPrefix(allowed, key));
  const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  world.given = given;
  const policies = randomPolicies(random, world);
  // Every key a policy names and the context does not give is known to be absent: nothing is left unknown.
  const named = keysNamedIn([...policies.identity, ...(policies.boundary ?? []), ...(policies.resource ? [policies.resource] : [])]);
  const absent = [...new Set(named.map((k) => k.toLowerCase()).filter((k) => !given.has(k)))].sort();

  const simulation = {
    request: {
      principal: caller.arn,
      action: target.action,
      resource: { resource: target.resource, accountId: target.account },
      contextVariables: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, MULTI_VALUED.has(k) ? v : v[0]])),
    },
    identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    permissionBoundaryPolicies: policies.boundary?.map((policy, i) => ({ name: `boundary-${i}`, policy })),
    resourcePolicy: policies.resource,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (result.resultType !== 'single') {
    return { rejected: result.resultType === 'error' ? reasonOf(result.errors) : `result type ${result.resultType}` };
  }
  if (result.result.ignoredContextKeys?.length) {
    // The context keys were filtered above with iam-simulate's own list, so this is a generator bug.
    throw new Error(`case ${n}: iam-simulate ignored context keys ${result.result.ignoredContextKeys.join(', ')}`);
  }
  const analysis = result.result.analysis;
  return { line: JSON.stringify({
    n,
    description: describe(world, policies),
    principal: caller.arn,
    action: target.action,
    resource: target.resource,
    resourceAccount: target.account,
    identityPolicies: policies.identity,
    permissionsBoundary: policies.boundary ?? null,
    resourcePolicy: policies.resource ?? null,
    context,
    absent,
    expected: result.overallResult,
    facts: factsOf(analysis, policies),
    statements: statementsOf(analysis),
  }) };
}

// The keys iam-simulate accepts depend on the action and the resource type only.
const allowedMemo = new Map();
async function allowedKeys(service, action, target) {
  const key = `${service}:${action} ${target.type?.type ?? '*'}`;
  if (!allowedMemo.has(key)) allowedMemo.set(key, new Set(await allowedContextKeysForRequest(service, action, target.resource, false, undefined)));
  return allowedMemo.get(key);
}

function allowedByPrefix(allowed, key) {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const prefix = key.slice(0, slash + 1).toLowerCase();
  return [...allowed].some((k) => k.startsWith(prefix));
}

function reasonOf(errors) {
  const kinds = Object.keys(errors).filter((k) => k !== 'message');
  const detail = kinds.flatMap((k) => {
    const v = errors[k];
    const list = Array.isArray(v) ? v : Object.values(v).flat();
    return list.map((e) => e?.message ?? String(e));
  });
  return [errors.message, ...new Set(detail)].join(': ').slice(0, 200);
}

// What iam-simulate saw, so a disagreement can be classified without re-running it.
function factsOf(analysis, policies) {
  const principalMatches = (statements) => [...new Set(statements.map((s) => s.principalMatch))].sort();
  return {
    sameAccount: analysis.sameAccount,
    identity: analysis.identityAnalysis.result,
    boundary: analysis.permissionBoundaryAnalysis?.result ?? null,
    resource: policies.resource ? analysis.resourceAnalysis.result : null,
    resourceAllowMatches: policies.resource ? principalMatches(analysis.resourceAnalysis.allowStatements) : [],
    resourceDenyMatches: policies.resource ? principalMatches(analysis.resourceAnalysis.denyStatements) : [],
    // iam-simulate makes a NotPrincipal Deny apply to any principal with a permissions boundary.
    notPrincipalDenyForBoundary: !!policies.boundary && !!policies.resource && analysis.resourceAnalysis.denyStatements.some((s) => s.statement.isNotPrincipalStatement()),
  };
}

// How iam-simulate read each statement, part by part (action, resource, principal, each condition), so
// the test can find the first part ImAudit reads differently.
function statementsOf(analysis) {
  const parts = [];
  const add = (role, policyAnalysis) => {
    for (const s of [...(policyAnalysis?.allowStatements ?? []), ...(policyAnalysis?.denyStatements ?? []), ...(policyAnalysis?.unmatchedStatements ?? [])]) {
      parts.push({
        role,
        policy: s.policyId ?? 'resource',
        index: s.statement.index() - 1,
        action: s.actionMatch,
        resource: s.resourceMatch,
        principal: role === 'resource' ? s.principalMatch : null,
        conditions: (s.explain.conditions ?? []).map((c) => ({ operator: c.operator, key: c.conditionKeyValue, matches: c.matches })),
      });
    }
  };
  add('identity', analysis.identityAnalysis);
  add('boundary', analysis.permissionBoundaryAnalysis);
  add('resource', analysis.resourceAnalysis);
  return parts.sort((a, b) => a.role.localeCompare(b.role) || a.policy.localeCompare(b.policy) || a.index - b.index);
}

function describe(world, policies) {
  const { caller, target } = world;
  const where = caller.account === undefined ? 'service' : caller.account === target.account ? 'same-account' : 'cross-account';
  const parts = [`${caller.kind} ${caller.arn}`, `${target.action} on ${target.resource}`, where];
  if (policies.boundary) parts.push('boundary');
  if (policies.resource) parts.push(`resource policy (${policies.resourceTraits.join(', ') || 'plain'})`);
  return parts.join('; ');
}
