// 在点击事件中同步创建 Promise：执行器立即运行，仍在点击手势内
function ask(desc) {
  return new Promise((resolve, reject) => {
    wx.getUserProfile({ desc, success: resolve, fail: reject })
  })
}

// 早期写法，已无人调用
function legacyAsk(callback) {
  wx.getUserProfile({ desc: '旧版资料', success: callback })
}

module.exports = { ask, legacyAsk }
