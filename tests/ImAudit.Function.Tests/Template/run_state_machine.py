"""Creates statemachine/organization-audit.asl.json in moto_server (with the template's substitutions) and runs it.

moto must already hold the organization and execute state machines (POST /moto-api/config). Lambda invocations
go wherever moto's MOTO_PORT points (the test's proxy: the real bootstrap under the Lambda runtime host).

usage: python3 run_state_machine.py MOTO_URL DEFINITION FUNCTION_ARN MAX_CONCURRENCY
prints {"status", "output", "error", "cause", "events"}; run_organization_audit.py imports run() and moto_api().
"""
import json
import sys
import time
import urllib.request

import boto3


def run(url, definition_path, function, concurrency):
    """Creates the state machine from the definition with the template's substitutions, runs it, waits for it."""
    client = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
    role = boto3.client("iam", **client).create_role(RoleName="imaudit-state-machine", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    definition = open(definition_path, encoding="utf-8").read()
    for name, value in {"AuditFunctionArn": function, "MemberRoleName": "ImAuditMemberRole", "Partition": "aws", "MaxConcurrency": concurrency}.items():
        definition = definition.replace("${" + name + "}", value)
    sfn = boto3.client("stepfunctions", **client)
    machine = sfn.create_state_machine(name="imaudit-organization", definition=definition, roleArn=role)["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    deadline = time.time() + 600
    while True:
        described = sfn.describe_execution(executionArn=execution)
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.3)
    history = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
    return {
        "status": described["status"],
        "output": json.loads(described.get("output") or "null"),
        "error": described.get("error"),
        "cause": described.get("cause"),
        "events": sorted({e["type"] for e in history}),
    }


def moto_api(url, path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()


if __name__ == "__main__":
    moto_url = sys.argv[1]
    moto_api(moto_url, "/moto-api/config", {"stepfunctions": {"execute_state_machine": True}})
    print(json.dumps(run(moto_url, sys.argv[2], sys.argv[3], sys.argv[4])))
