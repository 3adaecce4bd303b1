import { request, NoteKind } from '../../utils/request'

interface Note {
  id: string
  title: string
  kind: NoteKind
}

Page({
  data: {
    notes: [] as Note[],
  },
  async onLoad() {
    const notes = await request<Note[]>('/notes')
    this.setData({ notes })
  },
  onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    wx.navigateTo({ url: `/pages/note/note?id=${e.detail.id}` })
  },
  goProfile() {
    wx.navigateTo({ url: '/pages/profile/profile' })
  },
})
