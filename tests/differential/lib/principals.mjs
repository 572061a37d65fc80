// Who calls: IAM users, role sessions, roles (a role ARN as the caller stands for a session of it) and
// service principals, in three accounts (two in one organization).
import { pick, weighted } from './random.mjs';

export const ACCOUNTS = ['111122223333', '222233334444', '444455556666'];
export const ORG_ID = { '111122223333': 'o-aaaa1111aa', '222233334444': 'o-aaaa1111aa', '444455556666': 'o-cccc3333cc' };
export const ORG_PATH = {
  '111122223333': 'o-aaaa1111aa/r-ab12/ou-ab12-11111111/',
  '222233334444': 'o-aaaa1111aa/r-ab12/ou-ab12-22222222/',
  '444455556666': 'o-cccc3333cc/r-cd34/ou-cd34-33333333/',
};
export const USERS = ['alice', 'bob'];
// Role name → path. `Oncall` has a path, which a session ARN does not show.
export const ROLES = { Responder: '/', Oncall: '/ops/' };
export const SESSIONS = ['s1', 's2'];
export const SERVICES = ['ssm-incidents.amazonaws.com', 'ssm-contacts.amazonaws.com'];

export const rootArn = (account) => `arn:aws:iam::${account}:root`;
export const userArn = (account, name) => `arn:aws:iam::${account}:user/${name}`;
export const roleArn = (account, name) => `arn:aws:iam::${account}:role${ROLES[name]}${name}`;
export const sessionArn = (account, role, session) => `arn:aws:sts::${account}:assumed-role/${role}/${session}`;

export function randomCaller(random) {
  const account = weighted(random, [[6, ACCOUNTS[0]], [3, ACCOUNTS[1]], [2, ACCOUNTS[2]]]);
  return weighted(random, [
    [35, () => {
      const name = pick(random, USERS);
      return { kind: 'user', account, arn: userArn(account, name), userName: name };
    }],
    [45, () => {
      const role = pick(random, Object.keys(ROLES));
      const session = pick(random, SESSIONS);
      return { kind: 'session', account, arn: sessionArn(account, role, session), roleName: role, roleArn: roleArn(account, role), session };
    }],
    [5, () => {
      const role = pick(random, Object.keys(ROLES));
      return { kind: 'role', account, arn: roleArn(account, role), roleName: role, roleArn: roleArn(account, role) };
    }],
    [15, () => ({ kind: 'service', account: undefined, arn: pick(random, SERVICES), service: true })],
  ]);
}

/** What a policy may name to mean this caller, from the widest (its account) to the narrowest. */
export function chainOf(caller) {
  switch (caller.kind) {
    case 'user': return { account: caller.account, names: [caller.account, rootArn(caller.account), caller.arn] };
    case 'session': return { account: caller.account, names: [caller.account, rootArn(caller.account), caller.roleArn, caller.arn] };
    case 'role': return { account: caller.account, names: [caller.account, rootArn(caller.account), caller.roleArn] };
    default: return { account: undefined, names: [caller.arn] };
  }
}

/** Any principal a policy might name, in any of the accounts. */
export function randomPrincipalName(random, near) {
  const account = near ?? pick(random, ACCOUNTS);
  return weighted(random, [
    [3, account],
    [3, rootArn(account)],
    [4, () => roleArn(account, pick(random, Object.keys(ROLES)))],
    [3, () => sessionArn(account, pick(random, Object.keys(ROLES)), pick(random, SESSIONS))],
    [3, () => userArn(account, pick(random, USERS))],
  ]);
}
