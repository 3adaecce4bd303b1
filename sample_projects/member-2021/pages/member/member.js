const app = getApp()
const profile = require('../../utils/profile.js')
import { checkSession } from '../../utils/session'

Page({
  data: { userInfo: null },
  onShow() {
    if (!this.data.userInfo) {
      this.fetchProfile()
    }
  },
  fetchProfile() {
    wx.getUserProfile({
      desc: '用于展示会员资料',
      success: (res) => this.setData({ userInfo: res.userInfo })
    })
  },
  onTapLogin() {
    wx.login({
      success: () => {
        wx.getUserProfile({
          desc: '用于登录',
          success: (res) => app.saveProfile(res.userInfo)
        })
      }
    })
  },
  async onTapSync() {
    await checkSession()
    const res = await wx.getUserProfile({ desc: '同步资料' })
    this.setData({ userInfo: res.userInfo })
  },
  onTapRefresh() {
    const that = this
    setTimeout(function () {
      that.askAgain()
    }, 300)
  },
  askAgain() {
    wx.getUserProfile({ desc: '刷新资料', success: (res) => this.setData({ userInfo: res.userInfo }) })
  },
  onTapPromise() {
    profile.ask('同步头像').then((res) => this.setData({ userInfo: res.userInfo }))
  },
  onLoginEvent(e) {
    // login-bar fires `login` from wx.login's callback: the tap state is lost by then.
    wx.getUserProfile({ desc: '登录', success: (res) => this.setData({ userInfo: res.userInfo }) })
  }
})
