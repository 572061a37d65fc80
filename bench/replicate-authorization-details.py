#!/usr/bin/env python3
"""Cloudsplaining's example account N times over, still as `aws iam get-account-authorization-details` output.

Copy 0 is the account as it is; copy k (k >= 1) appends `-k` to the names and ARNs of its users, groups, roles and
customer managed policies, and to every reference to them (group memberships, attachments, boundaries). AWS managed
policies are one account-wide object, so they appear once and every copy attaches them. At N = 50: 2,200 users,
250 groups, 3,900 roles, 2,338 managed policies, 8,150 policy documents; findings are exactly N times the example's.

usage: bench/replicate-authorization-details.py SOURCE.json N OUT.json
"""
import json
import sys


def is_aws_managed(arn):
    return arn.startswith("arn:aws:iam::aws:")


def copy(account, k):
    suffix = f"-{k}" if k else ""

    def arn(value):
        return value if is_aws_managed(value) else value + suffix

    def attachments(entry):
        return [dict(a, PolicyName=a["PolicyName"] + ("" if is_aws_managed(a["PolicyArn"]) else suffix), PolicyArn=arn(a["PolicyArn"]))
                for a in entry.get("AttachedManagedPolicies", [])]

    def principal(entry, name_field):
        renamed = dict(entry, Arn=arn(entry["Arn"]), AttachedManagedPolicies=attachments(entry))
        renamed[name_field] = entry[name_field] + suffix
        if "GroupList" in entry:
            renamed["GroupList"] = [group + suffix for group in entry["GroupList"]]
        if "PermissionsBoundary" in entry:
            boundary = entry["PermissionsBoundary"]
            renamed["PermissionsBoundary"] = dict(boundary, PermissionsBoundaryArn=arn(boundary["PermissionsBoundaryArn"]))
        return renamed

    return {
        "UserDetailList": [principal(u, "UserName") for u in account["UserDetailList"]],
        "GroupDetailList": [principal(g, "GroupName") for g in account["GroupDetailList"]],
        "RoleDetailList": [principal(r, "RoleName") for r in account["RoleDetailList"]],
        "Policies": [dict(p, PolicyName=p["PolicyName"] + suffix, Arn=arn(p["Arn"])) for p in account["Policies"]
                     if k == 0 or not is_aws_managed(p["Arn"])],
    }


def main(source, count, out):
    with open(source, encoding="utf-8") as f:
        account = json.load(f)
    copies = [copy(account, k) for k in range(int(count))]
    replicated = {key: [item for c in copies for item in c[key]] for key in copies[0]}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(replicated, f)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(*sys.argv[1:])
