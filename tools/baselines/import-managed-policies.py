#!/usr/bin/env python3
"""Copies every known version of the three Incident Manager AWS managed policies into the engine.

Usage: tools/baselines/import-managed-policies.py SHARED/data/managed-policies
Writes src/ImAudit.Engine/Baselines/Data/<PolicyName>.json: {name, arn, versions: [{versionId, date, document}]},
oldest first. Versions AWS re-issued with an unchanged document (listed by the source as identical later
versions) get their own entry with the same document, so NAME@v3 resolves like any other version.
"""
import json
import pathlib
import sys

POLICIES = [
    "AWSIncidentManagerResolverAccess",
    "AWSIncidentManagerServiceRolePolicy",
    "AWSIncidentManagerIncidentAccessServiceRolePolicy",
]


def main(source: str) -> None:
    target = pathlib.Path(__file__).resolve().parents[2] / "src/ImAudit.Engine/Baselines/Data"
    for name in POLICIES:
        data = json.loads((pathlib.Path(source) / f"{name}.json").read_text(encoding="utf-8"))
        versions = []
        for v in data["versions"]:
            versions.append({"versionId": v["versionId"], "date": v["date"], "document": v["document"]})
            for later in v.get("identicalLaterVersions", []):
                versions.append({"versionId": later["versionId"], "date": later["date"], "document": v["document"]})
        versions.sort(key=lambda v: int(v["versionId"][1:]))
        out = {"name": name, "arn": data["arn"], "versions": versions}
        (target / f"{name}.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"{name}: {[v['versionId'] for v in versions]}")


if __name__ == "__main__":
    main(sys.argv[1])
