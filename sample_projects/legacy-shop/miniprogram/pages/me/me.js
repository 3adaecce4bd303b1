const auth = require('../../utils/auth.js')

Page({
  data: {
    hasUserInfo: false,
    userInfo: {}
  },
  onShow() {
    wx.getSetting({
      success: (res) => {
        this.setData({ hasUserInfo: auth.hasAuthorized(res.authSetting) })
      }
    })
  },
  onGetUserInfo(e) {
    if (e.detail.userInfo) {
      this.setData({ userInfo: e.detail.userInfo, hasUserInfo: true })
    }
  },
  onTapProfile() {
    auth.fetchProfile().then(userInfo => this.setData({ userInfo }))
  },
  getUserInfo() {
    // 页面自己的方法，和微信接口同名
    return this.data.userInfo
  },
  goAddress() {
    wx.navigateTo({ url: '/packageA/pages/address/address' })
  }
})
