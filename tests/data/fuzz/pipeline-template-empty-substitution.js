var t = `${}`
