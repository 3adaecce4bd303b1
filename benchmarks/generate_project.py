"""Generate a large, realistic mini-program for benchmarks: N pages with WXML and JSON,
components, utils modules and subpackages, with a mix of the patterns wxlint's rules look for.

    python benchmarks/generate_project.py OUT_DIR --pages 1000
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

PAGE_JS = """// {route}: generated page {index}
const app = getApp()
const {{ request, track }} = require('../../utils/api{module}.js')
const format = require('../../utils/format{module}.js')

Page({{
  data: {{
    list: [],
    loading: false,
    page: 1,
    keyword: '',
    canIUseProfile: wx.canIUse('getUserProfile'),
    detail: null,
  }},
  onLoad(query) {{
    this.setData({{ keyword: query.keyword || '' }})
    this.loadList()
{launch}
  }},
  onShow() {{
    track('show', {{ page: '{route}' }})
  }},
  onPullDownRefresh() {{
    this.setData({{ page: 1 }})
    this.loadList().then(() => wx.stopPullDownRefresh())
  }},
  onReachBottom() {{
    if (this.data.loading) return
    this.setData({{ page: this.data.page + 1 }})
    this.loadList()
  }},
  loadList() {{
    this.setData({{ loading: true }})
    return request('/api/list/{index}', {{ page: this.data.page, keyword: this.data.keyword }})
      .then((rows) => {{
        const list = rows.map((row) => ({{ ...row, price: format.price(row.price), time: format.time(row.time) }}))
        this.setData({{ list: this.data.page === 1 ? list : this.data.list.concat(list), loading: false }})
      }})
      .catch(() => {{
        this.setData({{ loading: false }})
        wx.showToast({{ title: '加载失败', icon: 'none' }})
      }})
  }},
  onTapItem(e) {{
    const {{ id }} = e.currentTarget.dataset
    wx.navigateTo({{ url: `/pages/detail/detail?id=${{id}}&from={route}` }})
  }},
  onSearch(e) {{
    this.setData({{ keyword: e.detail.value, page: 1 }})
    this.loadList()
  }},
{handlers}
  onAddToCart(e) {{
    const {{ id, sku }} = e.currentTarget.dataset
    const cart = wx.getStorageSync('cart') || []
    const found = cart.find((line) => line.id === id && line.sku === sku)
    if (found) {{
      found.count += 1
    }} else {{
      cart.push({{ id, sku, count: 1, addedAt: Date.now() }})
    }}
    wx.setStorageSync('cart', cart)
    wx.showToast({{ title: '已加入购物车', icon: 'success' }})
    track('add_to_cart', {{ id, sku, page: '{route}' }})
  }},
  onSubmitForm(e) {{
    const values = e.detail.value
    const errors = []
    if (!values.name || values.name.length < 2) errors.push('请填写姓名')
    if (!/^1\\d{{10}}$/.test(values.phone || '')) errors.push('请填写正确的手机号')
    if (errors.length) {{
      wx.showModal({{ title: '提示', content: errors.join('\\n'), showCancel: false }})
      return
    }}
    this.setData({{ submitting: true }})
    request('/api/form/{index}', values)
      .then(() => {{
        wx.showToast({{ title: '提交成功' }})
        setTimeout(() => wx.navigateBack(), 800)
      }})
      .catch((err) => {{
        console.error('submit failed', err)
        wx.showToast({{ title: '提交失败，请重试', icon: 'none' }})
      }})
      .finally(() => this.setData({{ submitting: false }}))
  }},
  onPreviewImage(e) {{
    const urls = this.data.list.map((row) => row.cover).filter(Boolean)
    wx.previewImage({{ current: e.currentTarget.dataset.src, urls }})
  }},
  onCopyOrderNo(e) {{
    wx.setClipboardData({{ data: String(e.currentTarget.dataset.no), success: () => wx.showToast({{ title: '已复制' }}) }})
  }},
  onFilterChange(e) {{
    const filters = {{ ...this.data.filters, [e.currentTarget.dataset.key]: e.detail.value }}
    this.setData({{ filters, page: 1 }})
    this.loadList()
  }},
  onSortChange(e) {{
    const order = ['default', 'price-asc', 'price-desc', 'sales'][e.detail.value] || 'default'
    this.setData({{ order, page: 1 }})
    this.loadList()
  }},
  formatCountdown(seconds) {{
    const h = Math.floor(seconds / 3600)
    const m = Math.floor((seconds % 3600) / 60)
    const s = seconds % 60
    return [h, m, s].map((n) => (n < 10 ? '0' + n : String(n))).join(':')
  }},
  startCountdown(deadline) {{
    clearInterval(this.timer)
    this.timer = setInterval(() => {{
      const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000))
      this.setData({{ countdown: this.formatCountdown(left) }})
      if (!left) clearInterval(this.timer)
    }}, 1000)
  }},
  onUnload() {{
    clearInterval(this.timer)
  }},
  onShareAppMessage() {{
    return {{ title: '第 {index} 页', path: '/{route}' }}
  }},
}})
"""

HANDLERS = [
    # 0: the old login button handler
    """  onGetUserInfo(e) {
    if (e.detail.userInfo) {
      app.globalData.userInfo = e.detail.userInfo
      wx.getUserInfo({ success: (res) => this.setData({ user: res.userInfo }) })
    }
  },""",
    # 1: getUserProfile deferred after login (flagged)
    """  onLogin() {
    wx.login({
      success: () => {
        wx.getUserProfile({ desc: '完善资料', success: (res) => this.setData({ user: res.userInfo }) })
      },
    })
  },""",
    # 2: a good tap flow, guarded
    """  onLogin() {
    if (!wx.canIUse('getUserProfile')) return
    wx.getUserProfile({ desc: '完善资料', success: (res) => this.setData({ user: res.userInfo }) })
  },""",
    # 3: location without failure handling (flagged)
    """  onLocate() {
    wx.getLocation({ type: 'gcj02', success: (res) => this.setData({ location: res }) })
  },""",
    # 4: location with the settings page on denial (fine)
    """  onLocate() {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => this.setData({ location: res }),
      fail: () => wx.showModal({ content: '需要位置权限', success: (r) => { if (r.confirm) wx.openSetting() } }),
    })
  },""",
    # 5: saving to the album with a toast only (flagged)
    """  onSave() {
    wx.saveImageToPhotosAlbum({
      filePath: this.data.poster,
      success: () => wx.showToast({ title: '已保存' }),
      fail: () => wx.showToast({ title: '保存失败', icon: 'none' }),
    })
  },""",
]

PAGE_WXML = """<view class="page">
  <search-bar keyword="{{{{keyword}}}}" bind:search="onSearch" />
  <view class="list">
    <item-card wx:for="{{{{list}}}}" wx:key="id" item="{{{{item}}}}" data-id="{{{{item.id}}}}" bindtap="onTapItem" />
  </view>
  <view wx:if="{{{{loading}}}}" class="loading">加载中…</view>
{buttons}
</view>
"""

BUTTONS = [
    '  <button open-type="getUserInfo" bindgetuserinfo="onGetUserInfo">登录</button>',
    '  <button bindtap="onLogin">登录</button>',
    '  <button wx:if="{{canIUseProfile}}" bindtap="onLogin">登录</button>',
    '  <button bindtap="onLocate">定位</button>',
    '  <button bindtap="onLocate">定位</button>',
    '  <button bindtap="onSave">保存海报</button>',
]

API_JS = """// utils/api{module}.js
const BASE = 'https://api.example.com'

function request(path, data) {{
  return new Promise((resolve, reject) => {{
    wx.request({{
      url: BASE + path,
      data,
      header: {{ Authorization: wx.getStorageSync('token') }},
      success: (res) => (res.statusCode === 200 ? resolve(res.data) : reject(res)),
      fail: reject,
    }})
  }})
}}

function track(event, payload) {{
  wx.reportAnalytics ? wx.reportAnalytics(event, payload) : console.log(event, payload)
}}

function ensureLogin() {{
  return new Promise((resolve) => {{
    wx.checkSession({{ success: resolve, fail: () => wx.login({{ success: resolve }}) }})
  }})
}}

module.exports = {{ request, track, ensureLogin }}
"""

FORMAT_JS = """// utils/format{module}.js
const pad = (n) => (n < 10 ? '0' + n : '' + n)

function time(value) {{
  const date = new Date(value)
  return [date.getFullYear(), pad(date.getMonth() + 1), pad(date.getDate())].join('-')
}}

function price(cents) {{
  return (cents / 100).toFixed(2)
}}

module.exports = {{ time, price }}
"""

COMPONENT_JS = """Component({{
  properties: {{ item: {{ type: Object, value: {{}} }}, keyword: {{ type: String, value: '' }} }},
  data: {{ expanded: false }},
  lifetimes: {{
    attached() {{
      this.setData({{ expanded: false }})
    }},
  }},
  methods: {{
    toggle() {{
      this.setData({{ expanded: !this.data.expanded }})
    }},
    onInput(e) {{
      this.triggerEvent('search', {{ value: e.detail.value }})
    }},
  }},
}})
"""


def generate(out: Path, pages: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    modules = max(1, pages // 20)
    packages = max(1, pages // 100)
    routes = []
    for index in range(pages):
        package = index % (packages + 1)
        route = f"pages/p{index}/p{index}" if package == 0 else f"package{package}/pages/p{index}/p{index}"
        routes.append((route, package))
    for index, (route, package) in enumerate(routes):
        kind = rng.randrange(len(HANDLERS))
        depth = "../../" if package == 0 else "../../../"
        launch = "    wx.getLocation({ success: (res) => this.setData({ location: res }) })" if index == 0 else ""
        js = PAGE_JS.format(route=route, index=index, module=index % modules, launch=launch, handlers=HANDLERS[kind])
        js = js.replace("../../utils/", f"{depth}utils/")
        base = out / route
        base.parent.mkdir(parents=True, exist_ok=True)
        base.with_suffix(".js").write_text(js, encoding="utf-8")
        base.with_suffix(".wxml").write_text(PAGE_WXML.format(buttons=BUTTONS[kind]), encoding="utf-8")
        component_root = "/components"
        base.with_suffix(".json").write_text(json.dumps({"usingComponents": {
            "item-card": f"{component_root}/item-card{index % 10}/index",
            "search-bar": f"{component_root}/search-bar{index % 10}/index"}}), encoding="utf-8")
    for module in range(modules):
        (out / "utils").mkdir(parents=True, exist_ok=True)
        (out / "utils" / f"api{module}.js").write_text(API_JS.format(module=module), encoding="utf-8")
        (out / "utils" / f"format{module}.js").write_text(FORMAT_JS.format(module=module), encoding="utf-8")
    for number in range(10):
        for name in ("item-card", "search-bar"):
            folder = out / "components" / f"{name}{number}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.js").write_text(COMPONENT_JS.format(), encoding="utf-8")
            (folder / "index.json").write_text('{"component": true}', encoding="utf-8")
            (folder / "index.wxml").write_text(
                '<view class="card" bindtap="toggle"><input bindinput="onInput" value="{{keyword}}"/>{{item.name}}</view>',
                encoding="utf-8")
    main_pages = [route for route, package in routes if package == 0]
    subpackages = [{"root": f"package{p}", "pages": [route.split("/", 1)[1] for route, package in routes if package == p]}
                   for p in range(1, packages + 1)]
    (out / "app.json").write_text(json.dumps({"pages": main_pages, "subpackages": subpackages}, indent=1), encoding="utf-8")
    (out / "app.js").write_text("App({ onLaunch() { wx.login({ success: () => {} }) }, globalData: {} })\n", encoding="utf-8")
    (out / "project.config.json").write_text(json.dumps({"projectname": "bench", "appid": "wx0"}), encoding="utf-8")
    js_bytes = sum(p.stat().st_size for p in out.rglob("*.js"))
    return {"pages": pages, "files": sum(1 for p in out.rglob("*") if p.is_file()), "js_bytes": js_bytes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    stats = generate(args.out, args.pages)
    print(f"{args.out}: {stats['pages']} pages, {stats['files']} files, {stats['js_bytes'] / 1e6:.1f} MB of JS")


if __name__ == "__main__":
    main()
