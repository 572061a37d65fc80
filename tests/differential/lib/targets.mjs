// What is asked for: Incident Manager actions on their real ARN shapes (response plans and incident records
// have no Region; contacts do), plus a few other services.
import { ACCOUNTS } from './principals.mjs';
import { pick, weighted } from './random.mjs';

export const PLANS = ['Payments', 'red'];
export const CONTACTS = ['oncall-a', 'alice'];
export const REGIONS = ['us-east-1', 'eu-west-1'];

// Each resource type: its actions and how to build an ARN. `prefix` is the ARN up to the resource id, for
// building wildcard patterns of the same type.
export const TYPES = [
  {
    type: 'response-plan', weight: 22,
    actions: ['ssm-incidents:GetResponsePlan', 'ssm-incidents:StartIncident', 'ssm-incidents:UpdateResponsePlan', 'ssm-incidents:DeleteResponsePlan',
      'ssm-incidents:GetResourcePolicies', 'ssm-incidents:PutResourcePolicy', 'ssm-incidents:TagResource', 'ssm-incidents:UntagResource'],
    prefix: (a) => `arn:aws:ssm-incidents::${a}:response-plan/`,
    id: (r) => pick(r, PLANS),
  },
  {
    type: 'incident-record', weight: 14,
    actions: ['ssm-incidents:GetIncidentRecord', 'ssm-incidents:UpdateIncidentRecord', 'ssm-incidents:ListTimelineEvents', 'ssm-incidents:CreateTimelineEvent',
      'ssm-incidents:DeleteIncidentRecord', 'ssm-incidents:UpdateRelatedItems'],
    prefix: (a) => `arn:aws:ssm-incidents::${a}:incident-record/`,
    id: (r) => `${pick(r, PLANS)}/${pick(r, ['6cc8bc5e', '0a1b2c3d'])}`,
  },
  {
    type: 'contact', weight: 22, regional: true,
    actions: ['ssm-contacts:GetContact', 'ssm-contacts:StartEngagement', 'ssm-contacts:UpdateContact', 'ssm-contacts:DeleteContact',
      'ssm-contacts:GetContactPolicy', 'ssm-contacts:PutContactPolicy', 'ssm-contacts:ListPagesByContact', 'ssm-contacts:TagResource'],
    prefix: (a, region) => `arn:aws:ssm-contacts:${region}:${a}:contact/`,
    id: (r) => pick(r, CONTACTS),
  },
  {
    type: 'engagement', weight: 6, regional: true,
    actions: ['ssm-contacts:DescribeEngagement', 'ssm-contacts:StopEngagement', 'ssm-contacts:ListPagesByEngagement'],
    prefix: (a, region) => `arn:aws:ssm-contacts:${region}:${a}:engagement/`,
    id: (r) => `${pick(r, CONTACTS)}/8f1e6c1a-0000-4000-8000-000000000001`,
  },
  {
    type: 'page', weight: 4, regional: true,
    actions: ['ssm-contacts:AcceptPage', 'ssm-contacts:DescribePage'],
    prefix: (a, region) => `arn:aws:ssm-contacts:${region}:${a}:page/`,
    id: (r) => `${pick(r, CONTACTS)}/5e2d7a10-0000-4000-8000-000000000002`,
  },
  {
    type: 'rotation', weight: 4, regional: true,
    actions: ['ssm-contacts:GetRotation', 'ssm-contacts:UpdateRotation'],
    prefix: (a, region) => `arn:aws:ssm-contacts:${region}:${a}:rotation/`,
    id: () => '2b8e5b3c-0000-4000-8000-000000000003',
  },
  {
    type: 'topic', weight: 7, regional: true,
    actions: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'],
    prefix: (a, region) => `arn:aws:sns:${region}:${a}:`,
    id: (r) => pick(r, ['incident-alerts', 'pager']),
  },
  {
    type: 'queue', weight: 5, regional: true,
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
    prefix: (a, region) => `arn:aws:sqs:${region}:${a}:`,
    id: (r) => pick(r, ['incident-events', 'dlq']),
  },
  {
    type: 'function', weight: 5, regional: true,
    actions: ['lambda:InvokeFunction', 'lambda:GetFunction'],
    prefix: (a, region) => `arn:aws:lambda:${region}:${a}:function:`,
    id: (r) => pick(r, ['runbook', 'notifier']),
  },
  {
    type: 'secret', weight: 5, regional: true,
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    prefix: (a, region) => `arn:aws:secretsmanager:${region}:${a}:secret:`,
    id: (r) => pick(r, ['pager-token-AbCdEf', 'webhook-GhIjKl']),
  },
  {
    type: 'parameter', weight: 4, regional: true,
    actions: ['ssm:GetParameter', 'ssm:PutParameter'],
    prefix: (a, region) => `arn:aws:ssm:${region}:${a}:parameter/`,
    id: (r) => pick(r, ['oncall/rota', 'oncall/escalation']),
  },
];

// Actions with no resource type: the request's resource is `*`.
export const WILDCARD_ONLY = ['ssm-incidents:ListResponsePlans', 'ssm-incidents:ListIncidentRecords', 'ssm-contacts:ListContacts', 'ssm-contacts:ListEngagements'];

export function randomRequestTarget(random, caller) {
  const account = caller.account !== undefined && random.chance(0.6) ? caller.account : pick(random, ACCOUNTS);
  if (random.chance(0.03)) {
    // A List call has no resource: it reads the caller's own account.
    return { action: pick(random, WILDCARD_ONLY), resource: '*', account: caller.account ?? account, type: null, region: 'us-east-1' };
  }
  const type = weighted(random, TYPES.map((t) => [t.weight, t]));
  const region = type.regional ? pick(random, REGIONS) : '';
  const prefix = type.prefix(account, region);
  return { action: pick(random, type.actions), resource: prefix + type.id(random), account, type, region, prefix };
}
