import { describe } from 'vitest'
import { appendContract } from './append-contract.js'
import { readContract } from './read-contract.js'
import type { EventStoreContractOptions } from './store-contract-helpers.js'
import { subscriptionContract } from './subscription-contract.js'

export type { EventStoreContractOptions } from './store-contract-helpers.js'

/**
 * The behaviour every `EventStore` must have. Run it from each implementation's tests:
 *
 * @example
 * eventStoreContract('in-memory', { createStore: () => createInMemoryEventStore() })
 */
export const eventStoreContract = (name: string, options: EventStoreContractOptions) => {
  describe(`EventStore contract: ${name}`, () => {
    appendContract(options)
    readContract(options)
    subscriptionContract(options)
  })
}
