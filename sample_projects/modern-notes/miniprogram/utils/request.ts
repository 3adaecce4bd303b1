const BASE_URL = 'https://notes.example.com/api'

export function request<T>(path: string, data: Record<string, unknown> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: BASE_URL + path,
      method: 'POST',
      data,
      success: (res) => resolve(res.data as T),
      fail: reject,
    })
  })
}

export enum NoteKind {
  Text,
  Photo = 2,
}
