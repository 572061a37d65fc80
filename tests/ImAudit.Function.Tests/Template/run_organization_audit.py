"""Runs statemachine/organization-audit.asl.json in moto_server's Step Functions interpreter.

moto's Organizations holds the management account and MEMBERS accounts (the first closed, so SUSPENDED); the audit
function is moto's Docker-free Lambda, which answers each invocation with its event (so a per-account audit returns
{accountId, roleArn}) or, first, with the BROKEN canned answers given (not an audit summary: that account fails).
The definition gets the template's substitutions.

usage: python3 run_organization_audit.py MOTO_URL DEFINITION MEMBERS BROKEN
prints {"status", "output", "error", "cause", "management", "members", "suspended", "events"}
"""
import io
import json
import sys
import time
import urllib.request
import zipfile

import boto3

url, definition_path, members, broken = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def moto_api(path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()


moto_api("/moto-api/config", {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}})
client = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
org = boto3.client("organizations", **client)
management = org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"]
ids = [org.create_account(Email=f"m{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]["AccountId"] for i in range(members)]
org.close_account(AccountId=ids[0])
if broken:
    moto_api("/moto-api/static/lambda-simple/response", {"results": ["not an audit summary"] * broken})

iam = boto3.client("iam", **client)
role = iam.create_role(RoleName="imaudit-organization-audit", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("bootstrap", "#!/bin/sh\n")
function = boto3.client("lambda", **client).create_function(
    FunctionName="imaudit", Runtime="provided.al2023", Role=role, Handler="bootstrap", Code={"ZipFile": code.getvalue()})["FunctionArn"]

definition = open(definition_path, encoding="utf-8").read()
for name, value in {"AuditFunctionArn": function, "MemberRoleName": "ImAuditMemberRole", "Partition": "aws", "MaxConcurrency": "4"}.items():
    definition = definition.replace("${" + name + "}", value)
sfn = boto3.client("stepfunctions", **client)
machine = sfn.create_state_machine(name="imaudit-organization", definition=definition, roleArn=role)["stateMachineArn"]
execution = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
deadline = time.time() + 240
while True:
    described = sfn.describe_execution(executionArn=execution)
    if described["status"] != "RUNNING" or time.time() > deadline:
        break
    time.sleep(0.3)
history = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
print(json.dumps({
    "status": described["status"],
    "output": json.loads(described.get("output") or "null"),
    "error": described.get("error"),
    "cause": described.get("cause"),
    "management": management,
    "members": ids,
    "suspended": ids[0],
    "events": sorted({e["type"] for e in history}),
}))
