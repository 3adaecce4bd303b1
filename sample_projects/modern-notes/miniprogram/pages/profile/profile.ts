import { request } from '../../utils/request'

const recorder = wx.getRecorderManager()

const DEFAULT_AVATAR = 'https://mmbiz.qpic.cn/mmbiz/icTdbqWNOwNRna42FI242Lcia07jQodd2FJGIYQfG0LAJGFxM4FbnQP6yfMxBgJ0F3YRqJCJ1aPAK2dQagdusBZg/0'

Page({
  data: {
    avatarUrl: DEFAULT_AVATAR,
    nickName: '',
    recordDenied: false,
  },
  recordVoiceIntro() {
    wx.getSetting({
      success: (res) => {
        if (res.authSetting['scope.record'] === false) {
          // Denied before: offer the settings button instead of failing silently.
          this.setData({ recordDenied: true })
          return
        }
        recorder.start({ duration: 30000, format: 'mp3' })
      },
    })
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
