import { request } from './utils/request'

App<IAppOption>({
  globalData: {},
  onLaunch() {
    // Silent login: no dialog, the user sees the notes first.
    wx.login({
      success: async ({ code }) => {
        const session = await request<{ token: string }>('/session', { code })
        this.globalData.token = session.token
      },
    })
  },
})
