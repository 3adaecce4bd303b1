Component({
  properties: {
    size: { type: Number, value: 64 }
  },
  data: { profile: null },
  lifetimes: {
    attached() {
      wx.getUserInfo({
        success: (res) => this.setData({ profile: res.userInfo })
      })
    }
  }
})
