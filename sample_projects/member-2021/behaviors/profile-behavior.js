module.exports = Behavior({
  data: { profile: null },
  methods: {
    askProfile() {
      // Bound with bindtap in the component that uses this behavior: a user tap.
      wx.getUserProfile({
        desc: '用于登录',
        success: (res) => this.setData({ profile: res.userInfo })
      })
    }
  }
})
