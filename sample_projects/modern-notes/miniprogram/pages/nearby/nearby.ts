import { askToOpenSetting } from '../../utils/settings'

Page({
  data: { locationDenied: false, latitude: 0, longitude: 0 },
  locate() {
    wx.getLocation({
      type: 'gcj02',
      success: ({ latitude, longitude }) => this.setData({ latitude, longitude, locationDenied: false }),
      fail: (err) => {
        if (err.errMsg.includes('auth deny') || err.errMsg.includes('authorize')) {
          this.setData({ locationDenied: true })
          askToOpenSetting('位置信息')
        }
      },
    })
  },
})
