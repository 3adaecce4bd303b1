// 工具函数（本文件保存为 GBK 编码，老项目里很常见）
// 格式化时间：年/月/日 时:分:秒
const formatNumber = n => {
  n = n.toString()
  return n[1] ? n : '0' + n
}

const formatTime = date => {
  const year = date.getFullYear()
  const month = date.getMonth() + 1
  const day = date.getDate()
  return [year, month, day].map(formatNumber).join('/')
}

// 读取用户资料（旧接口）
const loadUser = (cb) => wx.getUserInfo({ success: (res) => cb(res.userInfo) })

module.exports = { formatTime, loadUser }
