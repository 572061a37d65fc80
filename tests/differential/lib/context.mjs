// The request context AWS would send for a caller: principal keys consistent with the caller (a role
// session's aws:PrincipalArn is the role's ARN), then random request keys. Every value is a list; only
// MULTI_VALUED keys may have more than one.
import { ORG_ID, ORG_PATH } from './principals.mjs';
import { pick, weighted } from './random.mjs';

export const MULTI_VALUED = new Set(['aws:TagKeys', 'aws:CalledVia', 'aws:PrincipalOrgPaths']);

export const TIMES = { iso: ['2026-06-15T12:00:00Z', '2026-01-01T00:00:00Z'], epoch: ['1781524800', '1767225600'] };
export const SOURCE_IPS = ['203.0.113.9', '198.51.100.7', '10.1.2.3', '2001:db8::5', '2001:db9::1'];

export function randomContext(random, world, isAllowed) {
  const { caller, target } = world;
  const context = {};
  const set = (key, ...values) => { if (isAllowed(key)) context[key] = values; };
  const maybe = (p, key, valueOf) => { if (random.chance(p)) set(key, ...[valueOf()].flat()); };

  if (caller.kind === 'service') {
    set('aws:PrincipalServiceName', caller.arn);
    set('aws:PrincipalIsAWSService', 'true');
    maybe(0.7, 'aws:SourceAccount', () => target.account);
    maybe(0.5, 'aws:SourceArn', () => `arn:aws:ssm-incidents::${target.account}:response-plan/${pick(random, ['Payments', 'red'])}`);
  } else {
    set('aws:PrincipalArn', caller.kind === 'user' ? caller.arn : caller.roleArn);
    set('aws:PrincipalAccount', caller.account);
    set('aws:PrincipalOrgID', ORG_ID[caller.account]);
    set('aws:PrincipalOrgPaths', ORG_PATH[caller.account]);
    set('aws:PrincipalIsAWSService', 'false');
    set('aws:PrincipalType', caller.kind === 'user' ? 'User' : 'AssumedRole');
    if (caller.kind === 'user') {
      set('aws:username', caller.userName);
      set('aws:userid', `AIDA${caller.userName.toUpperCase()}`);
    } else if (caller.kind === 'session') {
      set('aws:userid', `AROA${caller.roleName.toUpperCase()}:${caller.session}`);
      maybe(0.7, 'aws:TokenIssueTime', () => '2026-06-15T11:00:00Z');
    }
    maybe(0.6, 'aws:PrincipalTag/team', () => pick(random, ['red', 'blue']));
    maybe(0.8, 'aws:SourceIp', () => pick(random, SOURCE_IPS));
    maybe(0.5, 'aws:MultiFactorAuthPresent', () => pick(random, ['true', 'false']));
    if (context['aws:MultiFactorAuthPresent']?.[0] === 'true') maybe(0.8, 'aws:MultiFactorAuthAge', () => pick(random, ['120', '3600', '90000']));
    maybe(0.3, 'aws:CalledVia', () => weighted(random, [[2, ['cloudformation.amazonaws.com']], [1, ['cloudformation.amazonaws.com', 'ssm-incidents.amazonaws.com']]]));
    maybe(0.5, 'aws:ViaAWSService', () => context['aws:CalledVia'] ? 'true' : 'false');
  }
  set('aws:ResourceAccount', target.account);
  maybe(0.8, 'aws:SecureTransport', () => pick(random, ['true', 'false']));
  const time = random.int(0, 1);
  maybe(0.85, 'aws:CurrentTime', () => TIMES.iso[time]);
  maybe(0.85, 'aws:EpochTime', () => TIMES.epoch[time]);
  maybe(0.8, 'aws:RequestedRegion', () => target.region || 'us-east-1');
  maybe(0.5, 'aws:ResourceTag/env', () => pick(random, ['prod', 'dev']));
  maybe(0.7, 'aws:TagKeys', () => weighted(random, [[2, ['env']], [1, ['env', 'team']]]));
  if (context['aws:TagKeys']) maybe(0.8, 'aws:RequestTag/env', () => pick(random, ['prod', 'dev']));
  return context;
}
