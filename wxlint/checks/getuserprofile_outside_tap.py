"""getuserprofile-outside-tap: wx.getUserProfile must run while the user's tap state is held."""

from __future__ import annotations

from wxlint.analyse.tap import apis_reported_by, tap_model
from wxlint.checks import CheckContext

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    for verdict in tap_model(ctx.flow).verdicts(apis_reported_by(ctx.rule.id)):
        ctx.report_node(verdict.module, verdict.use_node, verdict.kind, trace=verdict.trace, **verdict.arguments)
