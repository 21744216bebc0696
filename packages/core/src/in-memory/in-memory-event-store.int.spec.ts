import { eventStoreContract } from '../testing/event-store-contract.js'
import { createInMemoryEventStore } from './in-memory-event-store.js'

eventStoreContract('in-memory', { createStore: () => createInMemoryEventStore() })
