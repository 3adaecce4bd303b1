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
      this.triggerEvent('login')
    }
  }
})
