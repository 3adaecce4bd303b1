const { loadUser } = require('../../utils/util') // 首页
const app = getApp()

Page({
  data: {
    goods: [],
    userInfo: null
  },
  onLoad: function () {
    if (app.globalData.userInfo) {
      this.setData({ userInfo: app.globalData.userInfo })
    } else {
      // 由于 getUserInfo 是网络请求，可能会在 Page.onLoad 之后才返回
      app.userInfoReadyCallback = res => {
        this.setData({ userInfo: res.userInfo })
      }
    }
    this.loadGoods()
  },
  onShow: function () {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => this.setData({ latitude: res.latitude, longitude: res.longitude })
    })
  },
  loadGoods: function () {
    wx.request({
      url: 'https://shop.example.com/api/goods',
      success: (res) => this.setData({ goods: res.data })
    })
  },
  goGoods: function (e) {
    wx.navigateTo({ url: '/pages/goods/goods?id=' + e.currentTarget.dataset.id })
  },
  refreshUser: function () {
    loadUser((userInfo) => this.setData({ userInfo }))
  }
})
