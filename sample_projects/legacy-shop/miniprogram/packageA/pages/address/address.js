Page({
  data: { address: null },
  chooseAddress() {
    wx.chooseAddress({
      success: (address) => this.setData({ address })
    })
  },
  locate() {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => this.setData({ location: res }),
      fail: (err) => {
        console.error(err)
        wx.showToast({ title: '定位失败', icon: 'none' })
      }
    })
  }
})
