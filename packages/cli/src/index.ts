/**
 * @incident-kit/cli: the `incident-kit` command line (docs/cli.md) and, for code, the event-log
 * format of docs/event-log.md (CloudEvents JSON lines), the starter playbooks and the demo.
 */

// Running the command line.
export { runCli, CLI_NAME, type RunCliOptions } from './cli/run-cli.js'
export { CLI_VERSION } from './cli/cli-version.js'
export { captureIo, processIo, type CapturedIo, type CliIo, type CliOutput, type StopSignals } from './cli/cli-io.js'
export {
  CliError,
  EXIT_BAD_INPUT,
  EXIT_CONFIGURATION,
  EXIT_FAILURE,
  EXIT_INTERRUPTED,
  EXIT_OK,
  EXIT_TERMINATED,
  EXIT_USAGE,
  exitCodeFor,
  type StopSignal,
} from './cli/cli-errors.js'
export { databaseUrlFor, openSqlStore, type OpenStore, type OpenStoreOptions } from './cli/open-store.js'

// The event-log file format.
export {
  CLOUDEVENTS_SPEC_VERSION,
  DEFAULT_EVENT_SOURCE,
  EVENT_DATA_CONTENT_TYPE,
  fromCloudEvent,
  toCloudEvent,
  type IncidentKitCloudEvent,
} from './event-log/cloud-event.js'
export { formatLineError, parseLogLine, type LogLine, type LogLineError } from './event-log/parse-log-line.js'
export { MAX_REPORTED_ERRORS } from './event-log/format-line-errors.js'
export { parseEventLog, type ParseEventLogOptions } from './event-log/parse-event-log.js'
export { readEventLogFile, type ReadEventLogFileOptions } from './event-log/read-log-file.js'
export { INVALID_EXPORT_FILTER, exportEventLog, type ExportEventLogOptions, type ExportFilter } from './event-log/export-event-log.js'
export { importEventLog, type ImportEventLogOptions, type ImportResult } from './event-log/import-event-log.js'
export { copyStore, type CheckpointConflict, type CopyableStore, type CopyError, type CopyResult } from './event-log/copy-store.js'

// Replaying a log into postmortems.
export {
  replayJson,
  replayReadModel,
  replayedIncidentIds,
  type ReplayDocument,
  type ReplayOptions,
  type ReplayedIncident,
} from './replay/replay-log.js'

// Starter playbooks and the demo.
export { STARTER_PLAYBOOKS, seedStarterPlaybooks, starterPlaybookId, type SeedPlaybooksOptions, type SeededPlaybook } from './playbooks/seed-playbooks.js'
export type { StarterPlaybook } from './playbooks/starter-playbook.js'
export { nameBasedId, nameBasedIds } from './playbooks/name-based-id.js'
export { DEMO_INCIDENT_ID, DEMO_TEAM_ID, demoSteps, type DemoStep } from './demo/demo-scenario.js'
export { runDemoScenario, type DemoRunResult } from './demo/run-demo-scenario.js'
