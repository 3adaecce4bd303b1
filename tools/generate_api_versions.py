"""Generate rules/data/api-versions.json from the npm package miniprogram-api-typings.

Each API in `types/wx/lib.wx.api.d.ts` is documented by a comment that starts
with `[wx.name(...)](doc url)` (or `[Class.method(...)](…)`) and, for APIs newer
than base library 1.x, a line `需要基础库： \`x.y.z\``. The plug-in line
`在插件中使用：需要基础库 \`…\`` is a different fact and is not read.

    python tools/generate_api_versions.py                  # npm pack the pinned version
    python tools/generate_api_versions.py --typings DIR    # an unpacked package folder

The output is committed, so wxlint needs no npm at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "miniprogram-api-typings"
VERSION = "5.2.3"
OUTPUT = Path(__file__).resolve().parent.parent / "rules" / "data" / "api-versions.json"

# `/** [wx.name(args)](url)`, or with a return type first: `/** [Object wx.getAppBaseInfo()](url)`.
_HEADER_START = re.compile(r"^\s*/\*\*\s*\[")
_HEADER = re.compile(r"(?P<owner>[A-Za-z_$][\w$]*)\.(?P<name>[A-Za-z_$][\w$]*)\((?P<args>[^()]*)\)\]\((?P<url>https://[^)\s]+)\)\s*$")
_SINCE = re.compile(r"^\s*\*?\s*需要基础库[：:]\s*`(?P<version>\d+\.\d+\.\d+)`")
_COMMENT_END = re.compile(r"\*/")


def extract(declarations: str) -> dict:
    """{"apis": {name: {since, doc}}, "methods": {"Class.method": {...}}} from the .d.ts text."""
    apis: dict[str, dict] = {}
    methods: dict[str, dict] = {}
    current = None
    for line in declarations.splitlines():
        header = _HEADER.search(line) if _HEADER_START.match(line) else None
        if header:
            owner, name = header["owner"], header["name"]
            table, key = (apis, name) if owner == "wx" else (methods, f"{owner}.{name}")
            current = table.setdefault(key, {"since": None, "doc": header["url"]})
        elif current is not None:
            since = _SINCE.match(line)
            if since and current["since"] is None:
                current["since"] = since["version"]
            if _COMMENT_END.search(line):
                current = None
    return {"apis": dict(sorted(apis.items())), "methods": dict(sorted(methods.items()))}


def _packed_typings(folder: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=folder, check=True, capture_output=True)
    [archive] = folder.glob("*.tgz")
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--typings", type=Path, help="an unpacked miniprogram-api-typings package folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        package = args.typings or _packed_typings(Path(temporary))
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
        data = extract((package / "types" / "wx" / "lib.wx.api.d.ts").read_text(encoding="utf-8"))
    document = {
        "generated_by": "tools/generate_api_versions.py; do not edit by hand",
        "source": {"package": PACKAGE, "version": manifest["version"], "file": "types/wx/lib.wx.api.d.ts",
                   "url": f"https://www.npmjs.com/package/{PACKAGE}/v/{manifest['version']}"},
        "note": "since null: documented without a minimum version (available in base library 1.x)",
        **data,
    }
    args.output.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    versioned = sum(1 for entry in data["apis"].values() if entry["since"])
    print(f"{args.output}: {len(data['apis'])} wx APIs ({versioned} with a minimum version), "
          f"{len(data['methods'])} class methods, from {PACKAGE} {manifest['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
