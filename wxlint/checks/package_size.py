"""package-size: the upload scan's PACKAGE_SIZE_LIMIT (every package within 1.5 MB), and the upload's own limits
(2 MB a package, 30 MB in all) as errors; reported at the package's entry in app.json."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.javascript import object_property
from wxlint.model.upload import (app_config, megabytes, pack_ignored, project_config, scan_table,
                                 subpackage_entry, unused_code_files, upload_package, uploaded_from_here,
                                 uploads_unused_files)

USES_FLOW = False
WHOLE_PROJECT = True  # the upload package: every file of the project


def check(ctx: CheckContext) -> None:
    project = ctx.model.project
    document = app_config(project)
    if document is None or not uploaded_from_here(project):
        return
    package = upload_package(ctx.model)
    table = scan_table()
    config = project_config(project)
    # the upload leaves out what packOptions.ignore names, and the files nothing uses unless the project keeps them
    ignored = pack_ignored(config)
    left_out = {name for name in package.files if ignored(name)}
    if not uploads_unused_files(config):
        left_out |= {f.name for f in unused_code_files(package, config)}
    sizes = package.sizes()
    uploaded = {name: size - sum(f.size for f in package.files.values() if f.package == name and f.name in left_out)
                for name, size in sizes.items()}
    for name, size in sizes.items():
        where = _entry_span(document, name)
        if where is None:
            continue
        files = package.package_files(name)[:ctx.data["largest_files"]]
        largest = ", ".join(f"`{f.name}` ({megabytes(f.size)})" for f in files)
        label = f"`{name}`" if name else "main package"
        if uploaded[name] > table["upload_package_limit_bytes"]:
            ctx.report(document.source.path, where, "package-over-upload-limit", severity="error", package=label,
                       size=megabytes(uploaded[name]), limit=megabytes(table["upload_package_limit_bytes"]), largest=largest)
        elif size > table["scan_package_limit_bytes"]:
            ctx.report(document.source.path, where, "subpackage-over-scan-limit" if name else "main-over-scan-limit",
                       root=name, size=megabytes(size), limit=megabytes(table["scan_package_limit_bytes"]), largest=largest)
    for path in package.links_outside:  # said, as every file not looked at: the sizes above leave it out
        ctx.report(path, (1, 1, 1, 1), "link-outside", severity="info", name=path.relative_to(package.root).as_posix())
    total = sum(uploaded.values())
    if total > table["upload_total_limit_bytes"]:
        line, column, _, _ = document.span(document.root)
        ctx.report(document.source.path, (line, column, line, column + 1), "total-over-upload-limit", severity="error",
                   size=megabytes(total), limit=megabytes(table["upload_total_limit_bytes"]))


def _entry_span(document, package: str):
    """Where a package is declared: the `pages` key for the main package (the file's brace when there is none),
    the subpackage's `root` for a subpackage."""
    if not package:
        member = document.member("pages")
        if member is not None:
            return document.span(member.key)
        line, column, _, _ = document.span(document.root)
        return line, column, line, column + 1
    entry = subpackage_entry(document, package)
    if entry is None:
        return None
    return document.span(object_property(entry, "root"))
