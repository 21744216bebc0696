import * as E from 'fp-ts/lib/Either.js'
import { activeIncidents, incidentDetail, itemDurations, pastIncidents, timeline, type IncidentReadModel } from '@incident-kit/projections'

/** Computes every view over the whole model: each team's panel and past incidents, each incident's detail, timeline and item durations. */
export const computeAllViews = (model: IncidentReadModel) => {
  const teams = [...new Set(Object.values(model.incidents).map((i) => i.teamId))]
  let rows = 0
  for (const teamId of teams) {
    rows += activeIncidents(model, teamId, { baseUrl: 'https://chat.example.com/ops' }).length
    const past = pastIncidents(model, teamId, { limit: Number.MAX_SAFE_INTEGER })
    if (E.isRight(past)) rows += past.right.incidents.length
  }
  for (const incidentId of Object.keys(model.incidents)) {
    rows += incidentDetail(model, incidentId)!.sections.length
    rows += timeline(model, incidentId)!.length
    rows += itemDurations(model, incidentId)!.length
  }
  return { teams: teams.length, rows }
}
