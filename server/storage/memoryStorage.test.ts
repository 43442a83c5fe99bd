import { createMemoryStorage } from './memoryStorage'
import { describeStorageContract } from './storage.contract'

describeStorageContract('memory', async () => ({ storage: createMemoryStorage(), cleanup: async () => {} }), {
  durable: false,
})
