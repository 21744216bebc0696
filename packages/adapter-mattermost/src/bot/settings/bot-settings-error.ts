import { IncidentKitError } from '@incident-kit/core'

/** The error code of a missing or malformed bot setting; the message names the setting. */
export const INVALID_BOT_SETTING = 'INVALID_BOT_SETTING'

/**
 * A setting the bot cannot start with. `setting` is its environment name; the message names what
 * the value was given as (`givenAs`: the flag, or the variable). A secret's value is never shown.
 */
export class BotSettingsError extends IncidentKitError {
  constructor(
    readonly setting: string,
    problem: string,
    givenAs: string = setting,
  ) {
    super(INVALID_BOT_SETTING, `${givenAs}: ${problem}`)
    this.name = 'BotSettingsError'
  }
}
