"""large-media: the upload scan's IMAGE_AND_AUDIO_LIMIT, a limit on all images and audio together: the largest
files are reported, from the largest down, until what is left is under it."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.upload import megabytes, scan_table, upload_package, uploaded_from_here

USES_FLOW = False
WHOLE_PROJECT = True  # the upload package: every file of the project


def check(ctx: CheckContext) -> None:
    if not uploaded_from_here(ctx.model.project):
        return
    table = scan_table()
    endings = tuple(table["media_endings"])
    media = sorted((f for f in upload_package(ctx.model).files.values() if f.name.endswith(endings)),
                   key=lambda f: (-f.size, f.name))
    total = sum(f.size for f in media)
    limit = table["media_limit_bytes"]
    left = total
    for packed in media:
        if left < limit:
            break
        ctx.report(packed.path, (1, 1, 1, 1), "over-total", name=packed.name, size=megabytes(packed.size),
                   total=megabytes(total), limit=megabytes(limit))
        left -= packed.size
