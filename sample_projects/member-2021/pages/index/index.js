const app = getApp()

Page({
  data: {
    userInfo: {},
    hasUserInfo: false,
    canIUseGetUserProfile: false
  },
  onLoad() {
    if (wx.getUserProfile) {
      this.setData({ canIUseGetUserProfile: true })
    }
  },
  bindViewTap() {
    wx.navigateTo({ url: '/pages/member/member' })
  },
  getUserProfile(e) {
    // 推荐使用 wx.getUserProfile 获取用户信息，开发者每次通过该接口获取用户个人信息均需用户确认
    wx.getUserProfile({
      desc: '展示用户信息',
      success: (res) => {
        app.saveProfile(res.userInfo)
        this.setData({ userInfo: res.userInfo, hasUserInfo: true })
      }
    })
  },
  getUserInfo(e) {
    // 不推荐使用 getUserInfo 获取用户信息，预计自 2021 年 4 月 13 日起，getUserInfo 将不再弹出弹窗
    this.setData({ userInfo: e.detail.userInfo, hasUserInfo: true })
  }
})
