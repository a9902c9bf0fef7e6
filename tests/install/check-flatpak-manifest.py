#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest parses, and every module's source is pinned (sha256 or commit),
except the app itself, built from the checkout."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    manifest = json.load(f)

assert manifest["id"] == "app.likert.Likert", manifest["id"]
assert manifest["command"] == "likert"
for arg in manifest["finish-args"]:
    assert not arg.startswith("--filesystem=home") and arg != "--filesystem=host", arg

unpinned = []
for module in manifest["modules"]:
    for source in module.get("sources", []):
        if source.get("type") == "dir":
            continue
        if not (source.get("sha256") or source.get("commit")):
            unpinned.append(f"{module['name']}: {source.get('url', source)}")
if unpinned:
    sys.exit("unpinned sources: " + ", ".join(unpinned))
print(f"{len(manifest['modules'])} modules, every source pinned")
