/** Guide a user who once denied a scope to the settings page. */
export function askToOpenSetting(what: string): void {
  wx.showModal({
    title: '需要授权',
    content: `请在设置中允许使用${what}`,
    confirmText: '去设置',
    success: (res) => {
      if (res.confirm) {
        wx.openSetting()
      }
    },
  })
}
