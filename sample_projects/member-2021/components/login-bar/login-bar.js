const profileBehavior = require('../../behaviors/profile-behavior')

Component({
  behaviors: [profileBehavior],
  lifetimes: {
    attached() {
      this.setData({ loggedIn: !!wx.getStorageSync('token') })
    }
  },
  methods: {
    onTapLogin() {
      // Logs in first, then tells the page: the page's handler runs in wx.login's callback.
      wx.login({ success: () => this.triggerEvent('login') })
    }
  }
})
