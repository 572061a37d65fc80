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
import os
import sys
import zipfile

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_state_machine import moto_api, run  # noqa: E402

url, definition_path, members, broken = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
moto_api(url, "/moto-api/config", {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}})
client = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
org = boto3.client("organizations", **client)
management = org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"]
ids = [org.create_account(Email=f"m{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]["AccountId"] for i in range(members)]
org.close_account(AccountId=ids[0])
if broken:
    moto_api(url, "/moto-api/static/lambda-simple/response", {"results": ["not an audit summary"] * broken})

role = boto3.client("iam", **client).create_role(RoleName="imaudit-organization-audit", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("bootstrap", "#!/bin/sh\n")
function = boto3.client("lambda", **client).create_function(
    FunctionName="imaudit", Runtime="provided.al2023", Role=role, Handler="bootstrap", Code={"ZipFile": code.getvalue()})["FunctionArn"]
print(json.dumps(run(url, definition_path, function, "4") | {"management": management, "members": ids, "suspended": ids[0]}))
