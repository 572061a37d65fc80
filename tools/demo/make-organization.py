#!/usr/bin/env python3
"""Writes samples/organization/: three accounts of one AWS organization and its AWS CLI outputs, for `imaudit scan DIR`.

- 111122223333 (central.json, an ImAudit inventory): the incident account. Response plan `Payments` is shared with the
  member accounts 444455556666 and 777788889999; plan `Checkout` with 999999999999, which is not in the organization;
  the escalation plan `sev1` with the role IncidentResponder of 444455556666 (and a role there that no longer exists).
- 444455556666 (payments-member.json, an ImAudit inventory): IncidentResponder holds AWSIncidentManagerResolverAccess
  and DeleteResponsePlan: both halves allow it what the shares grant, and only that (IMA701). ReadOnlyAnalyst has no
  Incident Manager grant: no reach.
- 777788889999 (analytics-iam-page1.json, analytics-iam-page2.json: `aws iam get-account-authorization-details` in
  two pages, merged): nobody holds Incident Manager access, so the Payments share is unused (IMA702).
- organization.json (`aws organizations describe-organization`) and accounts.json (`aws organizations list-accounts`,
  one account listed with the deprecated `Status` only).
Usage: python3 tools/demo/make-organization.py   then   imaudit scan samples/organization
"""
import json
import subprocess
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "samples/organization"
CENTRAL, PAYMENTS, ANALYTICS, OUTSIDER = "111122223333", "444455556666", "777788889999", "999999999999"
ORG = "o-a1b2c3d4e5"
CONTACT = f"arn:aws:ssm-contacts:us-east-1:{CENTRAL}:contact"
PLAN = f"arn:aws:ssm-incidents::{CENTRAL}:response-plan"
V = "2012-10-17"


def doc(*statements):
    return {"Version": V, "Statement": list(statements)}


def allow(actions, resources="*"):
    return {"Effect": "Allow", "Action": actions, "Resource": resources}


def trust(principal):
    return doc({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})


def role(account, name, trust_policy, inline=None, attached=(), path="/"):
    return {"name": name, "arn": f"arn:aws:iam::{account}:role{path}{name}", "path": path, "trustPolicy": trust_policy,
            "inlinePolicies": [{"name": n, "document": d} for n, d in (inline or {}).items()],
            "attachedPolicies": [{"name": a, "arn": f"arn:aws:iam::aws:policy/{a}"} for a in attached]}


def baseline(name):
    # ImAudit's copy of the AWS managed policies (tools/managed-policies), one policy as JSON.
    data = json.loads(subprocess.run(["node", str(ROOT / "tools/managed-policies/show-managed-policy.mjs"), name], capture_output=True, text=True, check=True).stdout)
    versions = data["versions"]
    return {"name": name, "arn": data["arn"], "path": "/aws-service-role/" if "aws-service-role" in data["arn"] else "/",
            "defaultVersionId": versions[-1]["versionId"],
            "versions": [{"versionId": v["versionId"], "isDefault": v is versions[-1], "createDate": v["date"], "document": v["document"]} for v in versions]}


def inventory(account, roles, policies=(), plans=(), contacts=(), replication=False):
    inv = {"schemaVersion": "1", "accountId": account, "partition": "aws", "regions": ["us-east-1"] if replication else [],
           "source": f"sample organization, account {account}", "users": [], "groups": [], "roles": roles,
           "policies": list(policies), "responsePlans": list(plans), "contacts": list(contacts), "collectionErrors": []}
    if replication:
        inv["replicationSet"] = {"arn": f"arn:aws:ssm-incidents::{account}:replication-set/5d1f0a2b", "status": "ACTIVE",
                                 "regions": ["us-east-1"], "deletionProtected": True}
    return inv


PLAN_SHARE = ["ssm-incidents:GetResponsePlan", "ssm-incidents:StartIncident", "ssm-incidents:GetIncidentRecord",
              "ssm-incidents:UpdateIncidentRecord", "ssm-incidents:ListTimelineEvents", "ssm-incidents:CreateTimelineEvent"]


def plan(name, *grants):
    return {"arn": f"{PLAN}/{name}", "name": name, "displayName": name, "actions": [], "engagements": [f"{CONTACT}/sev1"],
            "chatChannelTopics": [], "resourcePolicies": [{"policyId": f"{name.lower()}-share", "ramResourceShareRegion": "us-east-1",
                                                           "document": doc(*grants)}]}


def share(sid, principals, actions, resources):
    return {"Sid": sid, "Effect": "Allow", "Principal": {"AWS": principals}, "Action": actions, "Resource": resources}


def contact(alias, kind, targets=(), policy=None):
    c = {"arn": f"{CONTACT}/{alias}", "alias": alias, "type": kind, "displayName": alias,
         "stages": [{"durationInMinutes": 5, "contactTargets": [f"{CONTACT}/{t}" for t in targets], "channelTargets": []}] if targets else []}
    if policy:
        c["policy"] = policy
    return c


slr = role(CENTRAL, "AWSServiceRoleForIncidentManager", trust({"Service": "ssm-incidents.amazonaws.com"}),
           attached=["AWSIncidentManagerServiceRolePolicy"], path="/aws-service-role/ssm-incidents.amazonaws.com/")
central = inventory(CENTRAL, [
    slr,
    role(CENTRAL, "IncidentCommander", trust({"AWS": f"arn:aws:iam::{CENTRAL}:root"}), attached=["AWSIncidentManagerResolverAccess"]),
], policies=[baseline("AWSIncidentManagerServiceRolePolicy"), baseline("AWSIncidentManagerResolverAccess")], plans=[
    plan("Payments", share("ShareWithMembers", [PAYMENTS, f"arn:aws:iam::{ANALYTICS}:root"], PLAN_SHARE,
                           [f"{PLAN}/Payments", f"arn:aws:ssm-incidents::{CENTRAL}:incident-record/Payments/*"])),
    plan("Checkout", share("ShareWithVendor", OUTSIDER, PLAN_SHARE,
                           [f"{PLAN}/Checkout", f"arn:aws:ssm-incidents::{CENTRAL}:incident-record/Checkout/*"])),
], contacts=[
    contact("sev1", "ESCALATION", ["alice", "bob"], doc(share("PageFromPayments",
        [f"arn:aws:iam::{PAYMENTS}:role/IncidentResponder", f"arn:aws:iam::{PAYMENTS}:role/OldResponder"],
        ["ssm-contacts:GetContact", "ssm-contacts:StartEngagement", "ssm-contacts:DescribeEngagement"],
        [f"{CONTACT}/sev1", f"arn:aws:ssm-contacts:us-east-1:{CENTRAL}:engagement/sev1/*"]))),
    contact("alice", "PERSONAL"),
    contact("bob", "PERSONAL"),
], replication=True)

payments = inventory(PAYMENTS, [
    # Both halves: the share's plan and contact actions, nothing more (DeleteResponsePlan is not shared).
    role(PAYMENTS, "IncidentResponder", trust({"AWS": f"arn:aws:iam::{PAYMENTS}:root"}), attached=["AWSIncidentManagerResolverAccess"],
         inline={"cleanup": doc(allow("ssm-incidents:DeleteResponsePlan", f"arn:aws:ssm-incidents::{CENTRAL}:response-plan/*"))}),
    # No Incident Manager grant: the share to the account gives it nothing.
    role(PAYMENTS, "ReadOnlyAnalyst", trust({"AWS": f"arn:aws:iam::{PAYMENTS}:root"}), inline={"read": doc(allow(["s3:GetObject", "s3:ListBucket"]))}),
], policies=[baseline("AWSIncidentManagerResolverAccess")])


def details_role(name, inline):
    return {"Path": "/", "RoleName": name, "RoleId": "AROA" + name.upper()[:16], "Arn": f"arn:aws:iam::{ANALYTICS}:role/{name}",
            "CreateDate": "2026-01-05 10:00:00+00:00", "AssumeRolePolicyDocument": trust({"Service": "glue.amazonaws.com"}),
            "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in inline.items()],
            "AttachedManagedPolicies": [], "Tags": []}


analytics_pages = [
    {"UserDetailList": [{"Path": "/", "UserName": "carol", "UserId": "AIDACAROL", "Arn": f"arn:aws:iam::{ANALYTICS}:user/carol",
                         "CreateDate": "2026-01-05 10:00:00+00:00", "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
                         "UserPolicyList": [{"PolicyName": "ec2-read", "PolicyDocument": doc(allow("ec2:Describe*"))}]}],
     "GroupDetailList": [], "RoleDetailList": [], "Policies": [], "IsTruncated": True, "Marker": "page-2"},
    {"UserDetailList": [], "GroupDetailList": [], "Policies": [], "IsTruncated": False,
     "RoleDetailList": [details_role("DataEngineer", {"lake": doc(allow(["s3:*", "glue:*"]))})]},
]

organization = {"Organization": {"Id": ORG, "Arn": f"arn:aws:organizations::{CENTRAL}:organization/{ORG}", "FeatureSet": "ALL",
                                 "MasterAccountArn": f"arn:aws:organizations::{CENTRAL}:account/{ORG}/{CENTRAL}",
                                 "MasterAccountId": CENTRAL, "MasterAccountEmail": "aws-central@example.com", "AvailablePolicyTypes": []}}


def account(account_id, name, state=None, status=None):
    a = {"Id": account_id, "Arn": f"arn:aws:organizations::{CENTRAL}:account/{ORG}/{account_id}", "Email": f"aws-{name}@example.com",
         "Name": name, "JoinedMethod": "CREATED", "JoinedTimestamp": "2026-01-05T10:00:00+00:00"}
    if state:
        a["State"] = state
    if status:
        a["Status"] = status
    return a


accounts = {"Accounts": [account(CENTRAL, "central", "ACTIVE", "ACTIVE"), account(PAYMENTS, "payments", "ACTIVE", "ACTIVE"),
                         account(ANALYTICS, "analytics", status="ACTIVE")]}

OUT.mkdir(parents=True, exist_ok=True)
files = {"central.json": central, "payments-member.json": payments, "analytics-iam-page1.json": analytics_pages[0],
         "analytics-iam-page2.json": analytics_pages[1], "organization.json": organization, "accounts.json": accounts}
for name, content in files.items():
    (OUT / name).write_text(json.dumps(content, indent=2) + "\n")
print(f"wrote {OUT}: {', '.join(files)}")
