"""Creates an IAM account in moto_server through boto3 (an independent client) and prints what it created.

usage: python3 seed_iam.py ENDPOINT_URL
Prints one JSON object: users, groups, roles (with trust policies), customer managed policies (every version).
"""
import json
import sys

import boto3

endpoint = sys.argv[1]
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


# Characters that must survive IAM's URL encoding: spaces, +, %, &, =, quotes, non-ASCII.
tricky = doc({"Sid": "Tricky", "Effect": "Allow", "Action": "ssm-incidents:GetResponsePlan", "Resource": "*",
              "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a b+c%20d&e=f \"g\" é ✓"}}})
created = {"users": [], "groups": [], "roles": [], "policies": []}

policies = []
for i in range(15):
    arn = iam.create_policy(PolicyName=f"im-policy-{i}", Path="/imaudit/",
                            PolicyDocument=doc({"Effect": "Allow", "Action": "ssm-incidents:List*", "Resource": "*"}))["Policy"]["Arn"]
    versions = [doc({"Effect": "Allow", "Action": "ssm-incidents:List*", "Resource": "*"})]
    for v in range(2):
        text = doc({"Effect": "Allow", "Action": [f"ssm-incidents:Get*", f"ssm-contacts:List*"], "Resource": "*", "Sid": f"V{v + 2}"})
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=text, SetAsDefault=(v == 0))
        versions.append(text)
    policies.append(arn)
    created["policies"].append({"arn": arn, "versions": versions, "default": "v2"})

for g in range(6):
    name = f"group-{g}"
    arn = iam.create_group(GroupName=name)["Group"]["Arn"]
    iam.put_group_policy(GroupName=name, PolicyName="inline", PolicyDocument=tricky)
    iam.attach_group_policy(GroupName=name, PolicyArn=policies[g])
    created["groups"].append({"arn": arn, "name": name, "inline": {"inline": tricky}, "attached": [policies[g]]})

for u in range(60):
    name = f"user-{u:02d}"
    arn = iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": f"t{u % 3}"}])["User"]["Arn"]
    inline = {}
    if u % 4 == 0:
        inline["own"] = doc({"Effect": "Allow", "Action": "ssm-incidents:StartIncident", "Resource": f"arn:aws:ssm-incidents::123456789012:response-plan/p{u}"})
        iam.put_user_policy(UserName=name, PolicyName="own", PolicyDocument=inline["own"])
    iam.add_user_to_group(GroupName=f"group-{u % 6}", UserName=name)
    iam.attach_user_policy(UserName=name, PolicyArn=policies[u % 15])
    created["users"].append({"arn": arn, "name": name, "inline": inline, "groups": [f"group-{u % 6}"], "attached": [policies[u % 15]],
                             "tags": {"team": f"t{u % 3}"}})

for r in range(40):
    name = f"role-{r:02d}"
    service = "ssm-incidents.amazonaws.com" if r % 5 == 0 else "lambda.amazonaws.com"
    trust = doc({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole",
                 "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}})
    # moto lists role permissions boundaries in the authorization details (not user ones): boundaries go on roles.
    boundary = {"PermissionsBoundary": policies[14]} if r % 10 == 0 else {}
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust, Path="/service/" if r % 2 else "/", **boundary)["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=tricky)
    iam.attach_role_policy(RoleName=name, PolicyArn=policies[r % 15])
    created["roles"].append({"arn": arn, "name": name, "trust": trust, "inline": {"inline": tricky}, "attached": [policies[r % 15]],
                             "boundary": policies[14] if r % 10 == 0 else None})

print(json.dumps(created))
