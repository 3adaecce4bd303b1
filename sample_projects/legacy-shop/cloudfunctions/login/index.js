// 云函数：运行在服务端，不属于小程序代码
const cloud = require('wx-server-sdk')
cloud.init()

exports.main = async (event, context) => {
  const wxContext = cloud.getWXContext()
  return { openid: wxContext.OPENID, appid: wxContext.APPID }
}
