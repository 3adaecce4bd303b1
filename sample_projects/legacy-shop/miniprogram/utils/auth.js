// 登录相关的工具函数
const promisify = (api) => (options = {}) =>
  new Promise((resolve, reject) => api({ ...options, success: resolve, fail: reject }))

const getUserInfoAsync = promisify(wx.getUserInfo)

function ensureLogin() {
  const token = wx.getStorageSync('token')
  if (!token) {
    wx.authorize({ scope: 'scope.userInfo' })
  }
  return token
}

function fetchProfile() {
  return getUserInfoAsync({ lang: 'zh_CN' }).then(res => res.userInfo)
}

function hasAuthorized(setting) {
  return 'scope.userInfo' in setting
}

module.exports = {
  ensureLogin,
  fetchProfile,
  hasAuthorized
}
