var r = /a{1,2}+/;
Page({ onLoad() { wx.getUserInfo({}) } })
