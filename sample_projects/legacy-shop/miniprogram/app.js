// app.js —— 2019 年的快速启动模板改写而来
const auth = require('./utils/auth.js')

App({
  onLaunch: function () {
    // 登录
    wx.login({
      success: res => {
        wx.request({ url: 'https://shop.example.com/api/login', data: { code: res.code } })
      }
    })
    // 获取用户信息
    wx.getSetting({
      success: res => {
        if (res.authSetting['scope.userInfo']) {
          // 已经授权，可以直接调用 getUserInfo 获取头像昵称，不会弹框
          wx.getUserInfo({
            success: res => {
              this.globalData.userInfo = res.userInfo
              if (this.userInfoReadyCallback) this.userInfoReadyCallback(res)
            }
          })
        }
        // 没有登录记录就强制登录（2019 年常见的写法）
        if (!wx.getStorageSync('token')) {
          wx.showModal({
            title: '提示',
            content: '请先登录授权后再使用',
            showCancel: false,
            success: () => wx.navigateTo({ url: '/pages/login/login' })
          })
        }
      }
    })
  },
  onShow: function () {
    auth.ensureLogin()
  },
  getUserInfo: function (cb) {
    // 与 wx.getUserInfo 同名的 App 方法，不是微信接口
    if (this.globalData.userInfo) {
      cb(this.globalData.userInfo)
    }
  },
  globalData: {
    userInfo: null
  }
})
