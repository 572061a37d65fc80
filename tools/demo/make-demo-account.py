#!/usr/bin/env python3
"""Writes samples/demo-account/inventory.json: a realistic Incident Manager account for `imaudit scan`.

Every rule IMA101-IMA505 fires at least once, next to clean counterparts that must not fire (see the
comment on each principal). The three Incident Manager managed policies are taken from the engine's
embedded baselines; AdministratorAccess is AWS's one-statement document.
Usage: python3 tools/demo/make-demo-account.py
"""
import json
import subprocess
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
ACCOUNT = "111122223333"
PARTNER = "222233334444"      # the partner account response plans are shared with
STRANGER = "999988887777"     # an account nobody meant to share with


def doc(*statements, version="2012-10-17"):
    d = {"Statement": list(statements)}
    if version:
        d = {"Version": version, **d}
    return d


def allow(actions, resources="*", **extra):
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}


def deny(actions, resources="*", **extra):
    return {"Effect": "Deny", "Action": actions, "Resource": resources, **extra}


def arn_role(name, path="/"):
    return f"arn:aws:iam::{ACCOUNT}:role{path}{name}"


def aws_policy(name, path="/"):
    return {"name": name, "arn": f"arn:aws:iam::aws:policy{path}{name}"}


def customer_policy(name):
    return {"name": name, "arn": f"arn:aws:iam::{ACCOUNT}:policy/{name}"}


def trust(service, source_condition=True):
    statement = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    if source_condition:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
    return doc(statement)


def baseline(name):
    # ImAudit's copy of the AWS managed policies (tools/managed-policies), one policy as JSON.
    data = json.loads(subprocess.run(["node", str(ROOT / "tools/managed-policies/show-managed-policy.mjs"), name], capture_output=True, text=True, check=True).stdout)
    versions = data["versions"]
    return {"name": name, "arn": data["arn"], "path": "/aws-service-role/" if "aws-service-role" in data["arn"] else "/",
            "defaultVersionId": versions[-1]["versionId"],
            "versions": [{"versionId": v["versionId"], "isDefault": v is versions[-1], "createDate": v["date"], "document": v["document"]} for v in versions]}


def user(name, inline=None, attached=(), groups=(), boundary=None, tags=()):
    return {"name": name, "arn": f"arn:aws:iam::{ACCOUNT}:user/{name}", "path": "/", "groups": list(groups),
            "inlinePolicies": [{"name": n, "document": d} for n, d in (inline or {}).items()],
            "attachedPolicies": list(attached), **({"permissionsBoundary": boundary} if boundary else {}),
            "tags": [{"key": k, "value": v} for k, v in tags]}


def role(name, trust_policy, inline=None, attached=(), path="/", boundary=None):
    return {"name": name, "arn": arn_role(name, path), "path": path, "trustPolicy": trust_policy,
            "inlinePolicies": [{"name": n, "document": d} for n, d in (inline or {}).items()],
            "attachedPolicies": list(attached), **({"permissionsBoundary": boundary} if boundary else {}), "tags": []}


PLAN = f"arn:aws:ssm-incidents::{ACCOUNT}:response-plan"
CONTACT = f"arn:aws:ssm-contacts:us-east-1:{ACCOUNT}:contact"
RESOLVER = aws_policy("AWSIncidentManagerResolverAccess")

users = [
    # Clean: responders get exactly AWSIncidentManagerResolverAccess through their group.
    user("alice", groups=["Responders"], tags=[("team", "payments")]),
    user("ivan", attached=[RESOLVER]),
    # IMA301 (high): a responder who can also delete response plans.
    user("bob", groups=["Responders"], inline={"cleanup": doc(allow(["ssm-incidents:DeleteResponsePlan"]))}),
    # IMA303, IMA302, IMA301, IMA304: an Incident Manager administrator with a full wildcard.
    user("carol", inline={"im-admin": doc(allow("ssm-incidents:*"))}),
    # IMA101, IMA102, IMA103, IMA104, IMA105, IMA106: a policy written in a hurry.
    user("dave", inline={"oncall": doc(
        {"Sid": "Read", "Effect": "Allow", "Resource": "*", "Action": [
            "ssm-incidents:GetResponsePlan", "ssm-incidents:GetContact", "ssm:StartIncident",
            "ssm-incident:ListResponsePlans", "ssm-incidents:GetResponsePlans", "ssm*:List*"]},
        {"Sid": "Plans", "Effect": "Allow", "Action": "ssm-incidents:UpdateIncidentRecord",
         "Resource": f"arn:aws:ssm-incidents:us-east-1:{ACCOUNT}:incident-record/Payments/*"})}),
    # IMA202 (never true), IMA203, IMA204 (always true): tag conditions Incident Manager never sees.
    user("erin", inline={"guarded": doc(
        {"Sid": "ProtectProd", **deny("ssm-incidents:DeleteResponsePlan", Condition={"StringEquals": {"aws:ResourceTag/env": "prod"}})},
        {"Sid": "NoStart", **deny(["ssm:StartIncident", "ssm-contacts:DeleteResponsePlan"])},
        {"Sid": "TeamPlans", **allow("ssm-incidents:UpdateResponsePlan", Condition={"StringEqualsIfExists": {"aws:ResourceTag/team": "payments"}})})}),
    # IMA205, IMA305: a power user with a service policy attached by mistake.
    user("frank", inline={"power": doc(allow(None, NotAction=["iam:*", "organizations:*"]))},
         attached=[aws_policy("AWSIncidentManagerServiceRolePolicy", "/aws-service-role/")]),
    # IMA107 (a malformed inline policy) and IMA306: its valid policy reaches every Payments incident.
    user("grace", inline={"draft": "{\"Version\": \"2012-10-17\", \"Statement\": [ {\"Effect\": \"Allow\", \"Action\": \"ssm-incidents:*\" \"Resource\": \"*\"} ]}",
                          "payments": doc(allow(["ssm-incidents:GetIncidentRecord", "ssm-incidents:UpdateIncidentRecord"],
                                                [f"{PLAN}/Payments", f"arn:aws:ssm-incidents::{ACCOUNT}:incident-record/Payments/*"]))}),
    # IMA504 (plans + PassRole on a runbook role) and IMA307 (pages everyone behind the sev1 escalation plan).
    user("heidi", inline={"plan-author": doc(
        allow(["ssm-incidents:UpdateResponsePlan", "ssm-incidents:StartIncident", "ssm-incidents:GetResponsePlan"]),
        allow("iam:PassRole", arn_role("RunbookRole-Legacy")),
        allow("ssm-contacts:StartEngagement", f"arn:aws:ssm-contacts:*:{ACCOUNT}:contact/sev1"))}),
    # IMA305: the incident-access service policy attached to a person.
    user("judy", attached=[aws_policy("AWSIncidentManagerIncidentAccessServiceRolePolicy")]),
]

roles = [
    # IMA505: the service-linked role exists, but its policy was detached.
    role("AWSServiceRoleForIncidentManager", trust("ssm-incidents.amazonaws.com", False), path="/aws-service-role/ssm-incidents.amazonaws.com/"),
    # Clean runbook role: trust pinned to the account, permissions scoped.
    role("RunbookRole-Payments", trust("ssm-incidents.amazonaws.com"),
         inline={"runbook": doc(allow(["ssm:StartAutomationExecution", "ssm:GetAutomationExecution", "ec2:RebootInstances"]))}),
    # IMA502 (no confused-deputy condition) and IMA503 (AdministratorAccess).
    role("RunbookRole-Legacy", trust("ssm-incidents.amazonaws.com", False), attached=[aws_policy("AdministratorAccess")]),
    # IMA501: the Search plan's runbook role trusts Systems Manager, not Incident Manager.
    role("RunbookRole-Search", trust("ssm.amazonaws.com")),
    # Clean: a role Incident Manager assumes to read other services, with its own managed policy.
    role("IncidentManagerReader", trust("ssm-incidents.amazonaws.com"), attached=[aws_policy("AWSIncidentManagerIncidentAccessServiceRolePolicy")]),
    # Clean: a chat-ops bot that only starts incidents.
    role("ChatOpsIncidentStarter", trust("chatbot.amazonaws.com"), inline={"start": doc(allow("ssm-incidents:StartIncident", f"{PLAN}/*"))}),
    # IMA307 (info): the paging bot reaches the on-call contacts; within its baseline otherwise.
    role("OnCallPager", trust("lambda.amazonaws.com"), inline={"page": doc(allow("ssm-contacts:StartEngagement", f"arn:aws:ssm-contacts:*:{ACCOUNT}:contact/primary"))}),
    # IMA301 (high): CI creates response plans.
    role("CiDeployer", trust("codebuild.amazonaws.com"), inline={"deploy": doc(allow(["ssm-incidents:CreateResponsePlan", "ssm-incidents:TagResource", "ssm-incidents:GetResponsePlan"]))}),
    # IMA301 (low): an auditor reading everything in Incident Manager.
    role("SecurityAuditor", trust("ec2.amazonaws.com"), inline={"read": doc(allow(["ssm-incidents:Get*", "ssm-incidents:List*", "ssm-contacts:Get*", "ssm-contacts:List*"]))}),
    # Clean: grants beyond ResolverAccess (DeleteIncidentRecord) held back by a ResolverAccess-shaped boundary.
    role("BoundedOperator", trust("ec2.amazonaws.com"), inline={"ops": doc(allow(["ssm-incidents:*IncidentRecord", "ssm-incidents:StartIncident"]))},
         boundary=f"arn:aws:iam::{ACCOUNT}:policy/IncidentResponderBoundary"),
    # Clean: a build role with nothing to do with Incident Manager.
    role("ArtifactsBuilder", trust("codebuild.amazonaws.com"), inline={"s3": doc(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::artifacts/*"))}),
]

groups = [
    {"name": "Responders", "arn": f"arn:aws:iam::{ACCOUNT}:group/Responders", "path": "/", "inlinePolicies": [], "attachedPolicies": [RESOLVER]},
    {"name": "Observers", "arn": f"arn:aws:iam::{ACCOUNT}:group/Observers", "path": "/", "inlinePolicies": [], "attachedPolicies": [customer_policy("IncidentObservers")]},
]

resolver = baseline("AWSIncidentManagerResolverAccess")
policies = [
    resolver, baseline("AWSIncidentManagerServiceRolePolicy"), baseline("AWSIncidentManagerIncidentAccessServiceRolePolicy"),
    {"name": "AdministratorAccess", "arn": "arn:aws:iam::aws:policy/AdministratorAccess", "path": "/", "defaultVersionId": "v1",
     "versions": [{"versionId": "v1", "isDefault": True, "createDate": "2015-02-06T18:39:46Z", "document": doc(allow("*"))}]},
    {"name": "IncidentResponderBoundary", "arn": f"arn:aws:iam::{ACCOUNT}:policy/IncidentResponderBoundary", "path": "/", "defaultVersionId": "v1",
     "versions": [{"versionId": "v1", "isDefault": True, "createDate": "2026-03-01T09:00:00Z", "document": resolver["versions"][-1]["document"]}]},
    {"name": "IncidentObservers", "arn": f"arn:aws:iam::{ACCOUNT}:policy/IncidentObservers", "path": "/", "defaultVersionId": "v2",
     "versions": [{"versionId": "v2", "isDefault": True, "createDate": "2026-05-04T09:00:00Z",
                   "document": doc(allow(["ssm-incidents:ListResponsePlans", "ssm-incidents:ListIncidentRecords"]))}]},
]

share_actions = ["ssm-incidents:GetResponsePlan", "ssm-incidents:StartIncident", "ssm-incidents:GetIncidentRecord",
                 "ssm-incidents:UpdateIncidentRecord", "ssm-incidents:ListTimelineEvents", "ssm-incidents:CreateTimelineEvent"]
response_plans = [
    {"arn": f"{PLAN}/Payments", "name": "Payments", "displayName": "Payments API outage",
     "actions": [{"documentName": "AWSIncidents-CriticalIncidentRunbookTemplate", "roleArn": arn_role("RunbookRole-Payments"), "targetAccount": "RESPONSE_PLAN_OWNER_ACCOUNT"}],
     "engagements": [f"{CONTACT}/sev1"], "chatChannelTopics": [f"arn:aws:sns:us-east-1:{ACCOUNT}:incident-chat"],
     # A correct RAM-style share of the plan and its incident records with the partner account.
     "resourcePolicies": [{"policyId": "a1b2c3", "ramResourceShareRegion": "us-east-1", "document": doc(
         {"Sid": "SharePayments", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"}, "Action": share_actions,
          "Resource": [f"{PLAN}/Payments", f"arn:aws:ssm-incidents:*:{ACCOUNT}:incident-record/Payments/*"]})}]},
    # IMA401, IMA201, IMA402, IMA403, IMA404 (its share is open and too wide), IMA501 (its runbook role was deleted).
    {"arn": f"{PLAN}/Checkout", "name": "Checkout", "displayName": "Checkout degraded",
     "actions": [{"documentName": "AWSIncidents-CriticalIncidentRunbookTemplate", "roleArn": arn_role("RunbookRole-Checkout"), "targetAccount": "RESPONSE_PLAN_OWNER_ACCOUNT"}],
     "engagements": [f"{CONTACT}/primary"], "chatChannelTopics": [],
     "resourcePolicies": [{"policyId": "d4e5f6", "ramResourceShareRegion": "us-east-1", "document": doc(
         {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "ssm-incidents:*", "Resource": f"{PLAN}/*"},
         {"Sid": "Stranger", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{STRANGER}:root"}, "Action": "ssm-incidents:GetResponsePlan", "Resource": f"{PLAN}/Checkout"},
         {"Sid": "NoDelete", "Effect": "Deny", "Principal": "*", "Action": "ssm-incidents:DeleteResponsePlan", "Resource": f"{PLAN}/Checkout"})}]},
    # IMA501 (runbook role trusts ssm, not ssm-incidents) and the Legacy runbook role (IMA502, IMA503).
    {"arn": f"{PLAN}/Search", "name": "Search", "displayName": "Search latency",
     "actions": [{"documentName": "Search-Restart", "roleArn": arn_role("RunbookRole-Search"), "targetAccount": "RESPONSE_PLAN_OWNER_ACCOUNT"},
                 {"documentName": "Search-Failover", "roleArn": arn_role("RunbookRole-Legacy"), "targetAccount": "RESPONSE_PLAN_OWNER_ACCOUNT"}],
     "engagements": [f"{CONTACT}/managers"], "chatChannelTopics": [], "resourcePolicies": []},
]


def contact(alias, kind, targets=(), policy=None, name=None):
    c = {"arn": f"{CONTACT}/{alias}", "alias": alias, "type": kind, "displayName": name or alias,
         "stages": [{"durationInMinutes": 5 * i, "contactTargets": [f"{CONTACT}/{t}"], "channelTargets": []} for i, t in enumerate(targets)]}
    if policy:
        c["policy"] = policy
    return c


contacts = [
    contact("sev1", "ESCALATION", ["primary", "managers"], name="Sev1 escalation"),
    contact("managers", "ESCALATION", ["cto"], name="Engineering managers"),
    # A correct contact share with the partner account.
    contact("primary", "PERSONAL", name="Primary on-call", policy=doc(
        {"Effect": "Allow", "Principal": {"AWS": PARTNER},
         "Action": ["ssm-contacts:GetContact", "ssm-contacts:StartEngagement", "ssm-contacts:DescribeEngagement", "ssm-contacts:ListPagesByEngagement", "ssm-contacts:StopEngagement"],
         "Resource": [f"arn:aws:ssm-contacts:*:{ACCOUNT}:contact/primary", f"arn:aws:ssm-contacts:*:{ACCOUNT}:engagement/primary/*"]})),
    contact("cto", "PERSONAL", name="CTO"),
    contact("secondary", "PERSONAL", name="Secondary on-call"),
]

inventory = {
    "schemaVersion": "1", "accountId": ACCOUNT, "partition": "aws", "regions": ["us-east-1", "us-west-2"],
    "source": "embedded demo account",
    "users": users, "groups": groups, "roles": roles, "policies": policies,
    "responsePlans": response_plans, "contacts": contacts,
    "replicationSet": {"arn": f"arn:aws:ssm-incidents::{ACCOUNT}:replication-set/7e2c5a3f", "status": "ACTIVE", "regions": ["us-east-1", "us-west-2"], "deletionProtected": True},
    # IMA405: the CTO's contact policy could not be read.
    "collectionErrors": [{"service": "ssm-contacts", "operation": "GetContactPolicy", "resource": f"{CONTACT}/cto",
                          "code": "AccessDeniedException", "message": "User is not authorized to perform ssm-contacts:GetContactPolicy"}],
}

# `allow(None, NotAction=…)`: drop the placeholder Action key.
for u in users:
    for p in u["inlinePolicies"]:
        if isinstance(p["document"], dict):
            for s in p["document"]["Statement"]:
                if s.get("Action") is None:
                    s.pop("Action", None)

target = ROOT / "samples/demo-account/inventory.json"
target.write_text(json.dumps(inventory, indent=2) + "\n")
print(f"wrote {target}: {len(users)} users, {len(groups)} groups, {len(roles)} roles, {len(response_plans)} response plans, {len(contacts)} contacts")
