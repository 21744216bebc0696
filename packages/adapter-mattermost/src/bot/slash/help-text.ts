/**
 * The `help` reply: every command with a one-line explanation.
 *
 * @example
 * helpText('incident') // '#### /incident\n| command | ...'
 */
export const helpText = (trigger: string): string => {
  const t = `/${trigger}`
  const rows: readonly (readonly [string, string])[] = [
    [`${t} start [name]`, 'start an incident (a dialog asks for name, channel, playbook, severity, description)'],
    [`${t} end` + ' · ' + `${t} reopen`, 'end or reopen the incident of this channel (its commander, its reporter or an admin)'],
    [`${t} list`, "the team's active incidents, with commander and channel"],
    [`${t} info`, 'the incident: status, commander, checklist with buttons'],
    [`${t} commander @user`, 'hand over command to someone in the team (its commander, its reporter or an admin)'],
    [`${t} check|uncheck|skip|restore <item>`, 'change an item; `<item>` is its number or words of its title'],
    [`${t} add [Section] <text>`, 'add an item, into the section named in square brackets if given (no text: a dialog); `add section <title>` adds a section'],
    [`${t} remove <item>`, 'remove an item'],
    [`${t} assign <item> @user`, 'assign an item (`me`, or `nobody` to clear)'],
    [`${t} due <item> <when>`, 'set a due time: `30m`, `2h`, `1d`, an ISO time, or `none`'],
    [`${t} status [message]`, "post a status update (no message: a dialog); broadcast to the playbook's channels"],
    [`${t} note <text>`, 'add a note to the timeline'],
    [`${t} set <field> <value>`, 'set metadata such as `severity sev1` (`none` clears it)'],
    [`${t} milestone <name> [at <time>]`, 'mark detected, acknowledged, mitigated, resolved (or your own), now or at an ISO time'],
    [`${t} timeline`, 'everything that happened, in order'],
    [`${t} history`, "the team's past incidents"],
    [`${t} report`, "the team's incident report"],
    [`${t} playbook create|list|show|archive`, 'checklist templates; `create` takes `## Section` and `- item` lines; `archive` is for its creator or an admin'],
  ]
  return ['#### Incident commands', '| command | what it does |', '| --- | --- |', ...rows.map(([c, d]) => `| \`${c}\` | ${d} |`)].join('\n')
}
