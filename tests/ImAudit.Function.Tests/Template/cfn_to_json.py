"""Prints a CloudFormation YAML template as JSON, short-form intrinsics (!Ref, !Sub, …) as their long forms.

usage: python3 cfn_to_json.py TEMPLATE
"""
import json
import sys

import yaml


def construct(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


yaml.SafeLoader.add_multi_constructor("!", construct)
with open(sys.argv[1], encoding="utf-8") as f:
    print(json.dumps(yaml.safe_load(f)))
