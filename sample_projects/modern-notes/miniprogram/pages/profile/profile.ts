import { request } from '../../utils/request'

const DEFAULT_AVATAR = 'https://mmbiz.qpic.cn/mmbiz/icTdbqWNOwNRna42FI242Lcia07jQodd2FJGIYQfG0LAJGFxM4FbnQP6yfMxBgJ0F3YRqJCJ1aPAK2dQagdusBZg/0'

Page({
  data: {
    avatarUrl: DEFAULT_AVATAR,
    nickName: '',
  },
  onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
    this.setData({ avatarUrl: e.detail.avatarUrl })
  },
  onNickname(e: WechatMiniprogram.Input) {
    this.setData({ nickName: e.detail.value })
  },
  async save() {
    await request('/profile', { nickName: this.data.nickName, avatarUrl: this.data.avatarUrl })
    wx.showToast({ title: '已保存' })
  },
  // A page method with the old API's name is not the old API.
  getUserInfo(): { nickName: string } {
    return { nickName: this.data.nickName }
  },
})
