"""A short fuzzing campaign (the long one is `python tools/fuzz.py`), structured inputs from Hypothesis,
and every reproducer the campaigns found, replayed: none may fail again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

import fuzz  # noqa: E402

REPRODUCERS = sorted(p for p in (Path(__file__).parent / "data" / "fuzz").iterdir() if p.suffix in fuzz.KINDS)


def test_a_short_mutation_campaign_finds_nothing():
    result = fuzz.campaign(inputs=240, seed=2024, pipeline_every=8)
    assert sum(result.tried.values()) == 240 and set(result.tried) == set(fuzz.KINDS)
    assert {s: f.detail for s, f in result.failures.items()} == {}


def test_the_mutator_really_changes_inputs_and_the_checker_really_fails():
    import random

    rng = random.Random(1)
    source = b"Page({ onLoad() { wx.getUserInfo() } })\n"
    assert len({fuzz.mutate(source, [source], rng) for _ in range(50)}) > 40
    assert fuzz.run_one(".yml", b"n:\n", pipeline=False, base={}) is None
    broken = fuzz.run_one(".js", b"x", pipeline=True, base={"app.json": b"{", "pages": b""})  # a file where a folder must be
    assert broken is not None and "Error" in broken


@pytest.mark.parametrize("reproducer", REPRODUCERS, ids=[p.name for p in REPRODUCERS])
def test_reproducers_found_by_fuzzing_stay_fixed(reproducer):
    assert fuzz.replay(reproducer) is None


# -- structured inputs --------------------------------------------------------------------------------------

NAMES = st.sampled_from(["login", "onTap", "getUserInfo", "getUserProfile", "openSetting", "onPhone", "x"])
LEAVES = st.sampled_from([
    "wx.getUserProfile({ desc: '完善资料' })", "wx.openSetting()", "wx.getUserInfo()", "wx.login()",
    "wx.requestSubscribeMessage({ tmplIds: ['t'] })", "wx.authorize({ scope: 'scope.userLocation' })",
    "wx.getLocation({ fail: () => wx.showModal({ title: '定位' }) })", "this.setData({ ok: true })", "e.detail.code",
])


def _wrap(inner):
    return st.one_of(
        st.builds(lambda a: f"wx.login({{ success: () => {{ {a} }} }})", inner),
        st.builds(lambda a: f"wx.showModal({{ success: (res) => {{ if (res.confirm) {{ {a} }} }} }})", inner),
        st.builds(lambda a: f"setTimeout(() => {{ {a} }}, 10)", inner),
        st.builds(lambda a: f"await Promise.resolve(); {a}", inner),
        st.builds(lambda a: f"if (wx.canIUse('getUserProfile')) {{ {a} }} else {{ return }}", inner),
        st.builds(lambda a, n: f"this.{n}(); {a}", inner, NAMES),
        st.builds(lambda a: f"new Promise((resolve) => {{ {a}; resolve() }}).then(() => {{ {a} }})", inner),
        st.builds(lambda a, b: f"{a}; {b}", inner, inner),
    )


STATEMENTS = st.recursive(LEAVES, _wrap, max_leaves=6)
METHODS = st.lists(st.tuples(NAMES, STATEMENTS), min_size=1, max_size=4, unique_by=lambda m: m[0])
ATTRIBUTES = st.lists(st.one_of(
    st.builds(lambda n: f'bindtap="{n}"', NAMES), st.builds(lambda n: f'bind:getphonenumber="{n}"', NAMES),
    st.builds(lambda n: f"catchtap=\"{{{{ busy ? '' : '{n}' }}}}\"", NAMES),
    st.sampled_from(['open-type="getUserInfo"', 'open-type="openSetting"', 'open-type="getPhoneNumber"',
                     'wx:if="{{canIUse}}"', "wx:else", 'phone-number-no-quota-toast="false"', 'data-x="{{a[0]}}"']),
), max_size=3)


def _element(children):
    return st.builds(lambda tag, attributes, inner: f"<{tag} {' '.join(attributes)}>{''.join(inner)}</{tag}>",
                     st.sampled_from(["view", "button", "block", "form", "scroll-view"]), ATTRIBUTES, st.lists(children, max_size=3))


ELEMENTS = st.recursive(st.sampled_from(["text", "{{user.nickName}}", "<open-data type=\"userNickName\"/>", ""]),
                        _element, max_leaves=8)


def _page(methods) -> bytes:
    body = ",\n".join(f"  async {name}(e) {{ {statements} }}" for name, statements in methods)
    return f"Page({{\n  data: {{ canIUse: wx.canIUse('getUserProfile') }},\n  onLoad() {{ this.x() }},\n{body}\n}})\n".encode()


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(METHODS, st.lists(ELEMENTS, min_size=1, max_size=4))
def test_generated_pages_and_templates_go_through_the_whole_pipeline(methods, elements):
    base = {**fuzz.base_project(), "pages/index/index.wxml": "\n".join(elements).encode()}
    assert fuzz.run_one(".js", _page(methods), pipeline=True, base=base) is None


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.binary(max_size=300), st.sampled_from(fuzz.KINDS))
def test_arbitrary_bytes_in_every_parser(data, kind):
    assert fuzz.run_one(kind, data, pipeline=False, base={}) is None
