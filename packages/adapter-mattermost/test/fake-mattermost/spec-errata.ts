/**
 * Places where the merged OpenAPI document contradicts the server (authority order in GUIDE.md:
 * server behaviour first). Each erratum replaces one property schema of one request body, or gives
 * a body schema to an operation the spec lists without one, and says why; everything else is
 * validated exactly as the spec says.
 */
export interface SpecErratum {
  /** `METHOD <path template>`. */
  readonly operation: string
  readonly property: string
  readonly schema: Readonly<Record<string, unknown>>
  readonly reason: string
}

const POST_PROPS_ARE_A_MAP =
  'the spec types `props` as a string, but the server decodes it into model.StringInterface (a JSON object), ' +
  'its own Post schema says object, and Client4.updatePost/patchPost send an object'

/** An operation that takes a body although the spec declares none. */
export interface MissingBodyErratum {
  readonly operation: string
  readonly schema: Readonly<Record<string, unknown>>
  readonly reason: string
}

export const MISSING_BODY_ERRATA: readonly MissingBodyErratum[] = [
  {
    operation: 'POST /api/v4/posts/{post_id}/actions/{action_id}',
    schema: { type: 'object', properties: { selected_option: { type: 'string' }, cookie: { type: 'string' } }, additionalProperties: false },
    reason: 'the server reads {selected_option, cookie} (GUIDE §5) and Client4.doPostAction sends it; the spec lists no body',
  },
]

/** The body schema the spec forgot for `operation`, if it is a known erratum. */
export const missingBodySchema = (operation: string): Readonly<Record<string, unknown>> | undefined =>
  MISSING_BODY_ERRATA.find((erratum) => erratum.operation === operation)?.schema

export const SPEC_ERRATA: readonly SpecErratum[] = [
  { operation: 'PUT /api/v4/posts/{post_id}/patch', property: 'props', schema: { type: 'object', additionalProperties: true }, reason: POST_PROPS_ARE_A_MAP },
  { operation: 'PUT /api/v4/posts/{post_id}', property: 'props', schema: { type: 'object', additionalProperties: true }, reason: POST_PROPS_ARE_A_MAP },
]

/**
 * The request-body schema of an operation with its errata applied (a copy; the spec is untouched).
 *
 * @example
 * withErrata('PUT /api/v4/posts/{post_id}/patch', schema).properties.props // { type: 'object', … }
 */
export const withErrata = (operation: string, schema: unknown): unknown => {
  const errata = SPEC_ERRATA.filter((erratum) => erratum.operation === operation)
  if (errata.length === 0 || typeof schema !== 'object' || schema === null) return schema
  const properties = { ...((schema as { properties?: Record<string, unknown> }).properties ?? {}) }
  for (const erratum of errata) properties[erratum.property] = erratum.schema
  return { ...schema, properties }
}
