"""unused-file: the upload scan's CONTAINS_UNUSED_CODES: a file nothing reaches from app.json, in a project whose
settings upload such files (by default the upload leaves them out, and so does this rule)."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.upload import (project_config, unused_code_files, upload_package, uploaded_from_here, uploads_unused_files,
                                 )

USES_FLOW = False
WHOLE_PROJECT = True  # the upload package: every file of the project


def check(ctx: CheckContext) -> None:
    if not uploaded_from_here(ctx.model.project):
        return
    config = project_config(ctx.model.project)
    setting = uploads_unused_files(config)
    if setting is None:
        return
    for packed in unused_code_files(upload_package(ctx.model), config):
        ctx.report(packed.path, (1, 1, 1, 1), "unused", name=packed.name, setting=setting)
