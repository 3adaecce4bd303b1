const recorder = wx.getRecorderManager()
recorder.onError(() => wx.showToast({ title: '录音失败', icon: 'none' }))

Page({
  data: { goods: {} },
  onLoad(query) {
    wx.request({
      url: 'https://shop.example.com/api/goods/' + query.id,
      success: (res) => this.setData({ goods: res.data })
    })
  },
  savePoster() {
    wx.downloadFile({
      url: this.data.goods.poster,
      success: (res) => {
        wx.saveImageToPhotosAlbum({
          filePath: res.tempFilePath,
          success: () => wx.showToast({ title: '已保存' })
        })
      }
    })
  },
  startVoiceReview() {
    recorder.start({ duration: 60000, format: 'mp3' })
  },
  buy() {
    wx.navigateTo({ url: '/pages/order/order?id=' + this.data.goods.id })
  }
})
