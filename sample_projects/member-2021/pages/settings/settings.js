Page({
  data: { avatarUrl: '' },
  onChooseAvatar(e) {
    this.setData({ avatarUrl: e.detail.avatarUrl })
  },
  onLongPressName() {
    wx.getUserProfile({ desc: '同步昵称', success: (res) => this.setData({ nickName: res.userInfo.nickName }) })
  }
})
