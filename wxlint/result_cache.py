"""Whole-project results kept in the project's cache folder, keyed by every input the findings depend on, so
that an unchanged project answers at once. (Parsed trees have their own cache: `wxlint.parse.batch.ParseCache`.)"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from wxlint.cache_files import CacheFolder, open_cache
from wxlint.discover import Project
from wxlint.findings import Finding, TraceStep, finding_document, finding_from_document, step_at
from wxlint.model.upload import uploaded_from_here
from wxlint.words import note
from wxlint.findings import step_document, step_from_document
from wxlint.safe_fs import read_file
from wxlint.stamp import code_stamp

CACHE_FOLDER = ".wxlint_cache"


def project_cache(project: Project, cache_dir: Path | None, notes: list[TraceStep]) -> CacheFolder | None:
    """The project's cache folder (`cache_dir`, or `.wxlint_cache/` in its root), unless it cannot be trusted:
    then None, and why in `notes`."""
    path = cache_dir or project.root / CACHE_FOLDER
    if cache_dir is None and _goes_up_with_the_package(project, path):
        notes.append(step_at(path, 1, 1, note("cache-in-package")))
        return None
    folder, refusal = open_cache(path, [project.root])
    if refusal is not None:
        notes.append(step_at(path, 1, 1, note("cache-not-used", reason=refusal)))
    return folder


def _goes_up_with_the_package(project: Project, folder: Path) -> bool:
    """Whether a cache folder would sit in what the code quality scan counts: inside the mini-program root of a project
    uploaded from here. miniprogram-ci's `checkCodeQuality` counts its `.json` files whatever `packOptions.ignore` says
    (a copy of sample_projects/member-2021 with its cache failed PACKAGE_SIZE_LIMIT at 1.6 MB)."""
    if project.framework != "native" or not uploaded_from_here(project):
        return False
    return folder.resolve().is_relative_to(project.miniprogram_root.resolve())


def result_key(project: Project, contents: dict, levels: dict[str, str], lang: str) -> str:
    """Everything a project's findings depend on: every file's content, the project files
    (app.json, project.config.json, page and component .json), the configuration and the options."""
    digest = hashlib.sha256(f"wxlint {code_stamp()}\0{sorted(levels.items())}\0{lang}\0"
                            f"{project.config}\0{sorted(map(str, project.only_files or []))}".encode("utf-8", "surrogateescape"))
    context_files = {project.root / "project.config.json": project.root, project.miniprogram_root / "app.json": project.root}
    context_files.update((unit.json, project.root) for unit in project.units.values() if unit.json is not None)
    if project.config.path is not None:
        context_files[project.config.path] = None  # above the project in a monorepo, and checked where it was found
    for path, root in sorted(context_files.items()):
        try:
            digest.update(os.fsencode(f"\0{path}\0") + read_file(path, root))
        except OSError:
            digest.update(os.fsencode(f"\0{path}\0missing"))
    for path, data in sorted(contents.items()):
        digest.update(os.fsencode(f"\0{path}\0") + (data if isinstance(data, bytes) else os.fsencode(str(data))))
    return digest.hexdigest()


def _entry(key: str) -> str:
    return f"results/{key}.json"


def load_result(folder: CacheFolder, key: str, project: Project) -> tuple[list[Finding], list[TraceStep]] | None:
    try:
        document = json.loads(folder.read(_entry(key), key) or b"null")
    except ValueError:
        return None
    if document is None:
        return None

    def path_of(relative: str) -> Path:
        return Path(os.path.normpath(project.root / relative))

    return ([finding_from_document(f, path_of) for f in document["findings"]],
            [step_from_document(n, path_of) for n in document["notes"]])


def store_result(folder: CacheFolder, key: str, project: Project, findings: list[Finding], notes: list[TraceStep]) -> None:
    """Keep a whole run's result; then, the run having read or written every entry it needs, forget the entries no
    run has used for a while (`CacheFolder.forget_unused`) and all but the `KEPT_RESULTS` newest results."""
    def place(path: Path) -> str:
        return os.path.relpath(path, project.root)

    document = {"findings": [finding_document(f, place) for f in findings], "notes": [step_document(n, place) for n in notes]}
    folder.write(_entry(key), key, json.dumps(document).encode())  # ASCII: file names that are not UTF-8 survive
    folder.forget_unused("results", keep_newest=KEPT_RESULTS)
    folder.forget_unused("parse")


# Results of earlier states of the project (other branches, other options) kept for a return to them.
KEPT_RESULTS = 20
