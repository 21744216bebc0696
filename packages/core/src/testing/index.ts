/** Test helpers for implementers and users of the core: import from `@incident-kit/core/testing`. */
export { eventStoreContract, type EventStoreContractOptions } from './event-store-contract.js'
export { eventually } from './eventually.js'
export { newTestBatch, newTestEvent, recordedTestEvent } from './event-fixtures.js'
export { given, testContext, TEST_NOW } from './given-when-then.js'
