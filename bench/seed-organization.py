"""Creates an organization of N accounts in moto_server: the management account and N - 1 members, one in a
hundred of them closed (SUSPENDED, so the organization audit skips them).

usage: python3 bench/seed-organization.py MOTO_URL N > organization.json
prints {"management": ID, "members": [ID, ...], "closed": [ID, ...], "organizationId": ID}, which
`ImAudit.Bench organization N DIR organization.json` reads.
"""
import json
import sys

import boto3

url, count = sys.argv[1], int(sys.argv[2])
org = boto3.client("organizations", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
created = org.create_organization(FeatureSet="ALL")["Organization"]
members = [org.create_account(Email=f"member-{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]["AccountId"] for i in range(count - 1)]
# Every hundredth member from the 50th on, never the first (the bench's incident-management account).
closed = members[50::100] or members[-1:]
for account in closed:
    org.close_account(AccountId=account)
print(json.dumps({"management": created["MasterAccountId"], "members": members, "closed": closed, "organizationId": created["Id"]}))
