"""Creates an organization in moto_server with member accounts; closes the first one (it becomes SUSPENDED).

usage: python3 seed_organization.py MOTO_URL MEMBERS
prints {"management": ID, "members": [ID, ...], "suspended": ID, "organizationId": ID}
"""
import json
import sys

import boto3

url, members = sys.argv[1], int(sys.argv[2])
org = boto3.client("organizations", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
created = org.create_organization(FeatureSet="ALL")["Organization"]
ids = []
for i in range(members):
    status = org.create_account(Email=f"member-{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]
    ids.append(status["AccountId"])
org.close_account(AccountId=ids[0])
print(json.dumps({"management": created["MasterAccountId"], "members": ids, "suspended": ids[0], "organizationId": created["Id"]}))
