Component({
  properties: {
    note: { type: Object, value: {} },
  },
  methods: {
    open() {
      this.triggerEvent('open', { id: (this.data.note as { id: string }).id })
    },
  },
})
