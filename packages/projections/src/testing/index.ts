/** Test helpers for users of the projections: import from `@incident-kit/projections/testing`. */
export { createIncidentScenario, type IncidentScenario } from './incident-scenario.js'
