"""WXML: the tricky cases, with positions of elements and attributes."""

from __future__ import annotations

from pathlib import Path

import pytest

from wxlint.model.wxml import event_bindings
from wxlint.parse.files import parse_file
from wxlint.parse.source import SourceText
from wxlint.parse.wxml import WxmlElement, parse_wxml

from conftest import DATA


def doc(name: str):
    parsed = parse_file(DATA / "tricky-wxml" / name)
    assert parsed.errors == []
    return parsed.wxml


def elements(document):
    return list(document.iter_elements())


def by_id(document, element_id: str) -> WxmlElement:
    return next(e for e in document.iter_elements() if e.value("id") == element_id)


def position(document, offset):
    return document.source.position(offset)


def test_all_tricky_wxml_files_parse_without_problems():
    for path in sorted((DATA / "tricky-wxml").glob("*.wxml")):
        assert parse_file(path).errors == [], path.name


def test_mustache_with_operators_in_attributes():
    [view] = elements(doc("amp_in_attr.wxml"))
    assert view.value("wx:if") == "{{a && b}}"
    assert view.value("hidden") == "{{a > b}}"
    assert view.raw_text == "x"


def test_attribute_case_and_positions_are_kept():
    document = doc("attr_case.wxml")
    [view] = elements(document)
    assert [a.name for a in view.attributes] == ["bindTap", "catch:tap", "data-userId", "bind:longpress"]
    assert [position(document, a.offset) for a in view.attributes] == [(1, 7), (1, 23), (1, 37), (1, 58)]
    assert [(b.prefix, b.event, b.handler) for b in event_bindings(document)] == [
        ("bind", "Tap", "onTap"), ("catch", "tap", "x"), ("bind", "longpress", "lp")]


def test_boolean_attribute_and_unclosed_input():
    document = doc("bool_attr.wxml")
    input_element, after = elements(document)
    assert input_element.get("disabled").value is None
    assert input_element.value("bindinput") == "onInput"
    assert after.parent.tag == "#document"  # not swallowed by <input>


def test_comments_are_kept_with_their_text():
    document = doc("comment_disable.wxml")
    [comment] = list(document.comments())
    assert comment.text.strip() == "wxlint-disable-next-line"
    [button] = elements(document)
    assert position(document, button.offset) == (2, 1)


def test_duplicate_attributes_are_all_kept_first_wins():
    [view] = elements(doc("duplicate_attr.wxml"))
    assert [a.value for a in view.attributes] == ["a", "b"]
    assert view.value("class") == "a"


def test_entities_stay_raw_text():
    [text] = elements(doc("entities.wxml"))
    assert text.raw_text == "&nbsp;&lt;a&gt; &amp; {{x}}"


def test_import_include_and_templates():
    document = doc("import_include_template.wxml")
    tags = [(e.tag, e.parent.tag) for e in elements(document)]
    assert tags == [("import", "#document"), ("include", "#document"), ("template", "#document"),
                    ("view", "template"), ("template", "#document")]


@pytest.mark.parametrize("name", ["lt_in_mustache_text.wxml", "lt_nospace_text.wxml"])
def test_less_than_inside_mustache_text_is_not_a_tag(name):
    document = doc(name)
    text_element = elements(document)[0]
    assert text_element.tag == "text"
    assert text_element.raw_text.startswith("{{a")
    assert by_id(document, "after").parent.tag == "#document"


def test_multiline_attributes_have_their_own_lines():
    document = doc("multiline_attrs.wxml")
    [button] = elements(document)
    assert [position(document, a.offset) for a in button.attributes] == [(2, 3), (3, 3)]
    assert button.raw_text == "go"


def test_self_closing_custom_component_keeps_siblings():
    document = doc("self_closing_custom.wxml")
    outer, component, sibling = elements(document)
    assert component.tag == "my-comp" and component.self_closing
    assert sibling.parent is outer and sibling.value("id") == "sib"


def test_text_at_root_around_elements():
    document = doc("text_root_and_mixed.wxml")
    texts = [c.text for c in document.root.children if not isinstance(c, WxmlElement)]
    assert texts[0] == "hello {{name}}" and texts[1].startswith("tail")


def test_unclosed_tag_is_closed_by_its_parent():
    document = doc("unclosed_tag.wxml")
    view, text, after = elements(document)
    assert text.parent is view
    assert after.parent.tag == "#document"


def test_unquoted_attributes():
    [view] = elements(doc("unquoted_attr.wxml"))
    assert (view.value("class"), view.value("id")) == ("foo", "bar")


def test_wx_for_block():
    block, view = elements(doc("wx_for.wxml"))
    assert block.value("wx:for") == "{{items}}" and block.value("wx:for-item") == "it"
    assert view.parent is block


@pytest.mark.parametrize("name", ["wxs_hard.wxml", "wxs_inline.wxml"])
def test_inline_wxs_body_is_raw_and_parsed_as_javascript(name):
    parsed = parse_file(DATA / "tricky-wxml" / name)
    document = parsed.wxml
    wxs = elements(document)[0]
    assert wxs.tag == "wxs" and "module.exports" in wxs.raw_text
    assert by_id(document, "after").parent.tag == "#document"
    [tree] = parsed.inline_wxs
    assert tree.program.body[0].range[0] > 0  # positions are positions in the WXML file


def test_wxs_hard_keeps_closing_tag_text_inside_a_string():
    document = doc("wxs_hard.wxml")
    assert 'var s = "</view>";' in elements(document)[0].raw_text
    assert by_id(document, "after").value("class") == "{{a<b ? 'x' : 'y'}}"


def test_self_closing_wxs_with_src():
    document = doc("wxs_src_selfclose.wxml")
    wxs, after = elements(document)
    assert wxs.self_closing and wxs.value("src") == "./u.wxs"
    assert after.parent.tag == "#document"


def test_glued_attributes_without_a_space():
    document = parse_wxml(SourceText(path=None, text='<button disabled="{{x}}"open-type="getUserInfo">go</button>'))
    [button] = elements(document)
    assert button.value("disabled") == "{{x}}"
    attribute = button.get("open-type")
    assert attribute.value == "getUserInfo"
    assert position(document, attribute.offset) == (1, 25)


def test_stray_greater_than_and_end_tags_are_tolerated():
    document = parse_wxml(SourceText(path=None, text="<view> a > b </span><text>t</text></view>"))
    view, text = elements(document)
    assert text.parent is view
    assert document.problems == []


@pytest.mark.parametrize("text, problem, place", [
    ('<view class="a', "unterminated value of attribute 'class'", (1, 7)),
    ("<view>\n<!-- note", "unterminated comment <!--", (2, 1)),
    ("<view>\n  <button open-type", "unterminated start tag <button>", (2, 3)),
    ("<wxs module='m'>\nvar a = 1", "<wxs> is not closed", (1, 1)),
])
def test_constructs_cut_off_by_the_end_of_file_are_problems(text, problem, place):
    document = parse_wxml(SourceText(path=Path("x.wxml"), text=text))
    [error] = document.problems
    assert error.message == problem
    assert document.source.position(error.offset) == place


def test_enclosing_conditions_of_if_elif_else_chains():
    from wxlint.model.wxml import enclosing_conditions

    document = parse_wxml(SourceText(path=None, text=(
        '<block wx:if="{{!hasUserInfo}}">\n'
        '  <button wx:if="{{canIUseGetUserProfile}}" id="a"/>\n'
        '  <button wx:elif="{{canIUse}}" id="b"/>\n'
        '  <button wx:else id="c"/>\n'
        '</block>')))
    conditions = {e.value("id"): [(c.expression, c.negated) for c in enclosing_conditions(e)]
                  for e in document.iter_elements() if e.value("id")}
    assert conditions == {
        "a": [("{{canIUseGetUserProfile}}", False), ("{{!hasUserInfo}}", False)],
        "b": [("{{canIUse}}", False), ("{{canIUseGetUserProfile}}", True), ("{{!hasUserInfo}}", False)],
        "c": [("{{canIUse}}", True), ("{{canIUseGetUserProfile}}", True), ("{{!hasUserInfo}}", False)],
    }


def test_wxs_names_javascript_reserves_are_names_in_wxs(tmp_path):
    # iView Weapp's step component: `var class = ''` in an inline <wxs> (WXS does not reserve `class`)
    from wxlint.parse.files import parse_file

    page = tmp_path / "step.wxml"
    page.write_text("<wxs module=\"parse\">\nmodule.exports = {\n  icon: function (status) {\n    var class = '';\n"
                    "    if (status === 'error') { class = 'close' }\n    return class;\n  }\n}\n</wxs>\n"
                    "<view class=\"{{parse.icon(status)}}\"/>\n", encoding="utf-8")
    util = tmp_path / "util.wxs"
    util.write_text("var enum = 1; var s = 'class'\nmodule.exports = { enum: enum, s: s }\n", encoding="utf-8")
    for parsed in (parse_file(page), parse_file(util)):
        assert parsed.errors == []
    [tree] = parse_file(page).inline_wxs
    assert tree.text_of(tree.program.body[0]).startswith("module.exports")  # positions are the file's
