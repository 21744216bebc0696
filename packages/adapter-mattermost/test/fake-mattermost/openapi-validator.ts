import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { parse } from 'yaml'
import { missingBodySchema, withErrata } from './spec-errata.js'

/** What the fake checks a request against: one operation of the spec, found by method and path. */
export interface RequestToValidate {
  readonly method: string
  readonly pathname: string
  readonly query: URLSearchParams
  readonly contentType: string | undefined
  /** Raw body text; '' when the request had none. */
  readonly body: string
}

export interface ValidationResult {
  /** The spec's path template, e.g. `/api/v4/posts/{post_id}`; undefined when no route matches. */
  readonly route: string | undefined
  readonly pathParams: Readonly<Record<string, string>>
  /** Empty when the request is valid. */
  readonly problems: readonly string[]
  /** True when the route exists but not for this method. */
  readonly methodNotAllowed: boolean
}

export interface OpenApiValidator {
  validate(request: RequestToValidate): ValidationResult
}

interface Parameter {
  readonly name: string
  readonly in: string
  readonly required?: boolean
  readonly schema?: Record<string, unknown>
}

interface Operation {
  readonly parameters?: readonly (Parameter | { $ref: string })[]
  readonly requestBody?: { readonly required?: boolean; readonly content?: Record<string, { schema?: unknown }> }
}

interface Route {
  readonly template: string
  readonly pattern: RegExp
  readonly names: readonly string[]
  readonly literalSegments: number
  readonly item: Record<string, unknown>
}

const SPEC_ID = 'mattermost-openapi'
const OPENAPI_NUMBER_FORMATS = ['int32', 'int64', 'double', 'float']
const OPENAPI_STRING_FORMATS = ['binary', 'byte', 'json', 'password']
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

const validators = new Map<string, OpenApiValidator>()

/**
 * Loads the OpenAPI document (once per file per process) and returns a request validator: route
 * (most literal segments wins, as in the server's router), method, path and query parameters
 * (unknown ones included), media type and JSON body (ajv, OpenAPI `nullable` honoured), with the
 * few documented spec errata of `spec-errata.ts` applied.
 *
 * @example
 * const result = loadOpenApiValidator(openApiSpecPath()).validate({ method: 'GET', pathname: '/api/v4/users/me', query, contentType: undefined, body: '' })
 */
export const loadOpenApiValidator = (specPath: string): OpenApiValidator => {
  const cached = validators.get(specPath)
  if (cached !== undefined) return cached
  const validator = buildValidator(parse(readFileSync(specPath, 'utf8')) as Record<string, unknown>)
  validators.set(specPath, validator)
  return validator
}

const buildValidator = (spec: Record<string, unknown>): OpenApiValidator => {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false })
  addFormats(ajv)
  for (const format of OPENAPI_NUMBER_FORMATS) ajv.addFormat(format, { type: 'number', validate: () => true })
  for (const format of OPENAPI_STRING_FORMATS) ajv.addFormat(format, true)
  ajv.addSchema({ $id: SPEC_ID, components: spec.components }, SPEC_ID)
  const routes = compileRoutes(spec.paths as Record<string, Record<string, unknown>>)
  const compiled = new Map<string, ValidateFunction>()
  const schemaValidator = (key: string, schema: unknown): ValidateFunction => {
    const known = compiled.get(key)
    if (known !== undefined) return known
    const fresh = ajv.compile(anchorRefs(schema) as object)
    compiled.set(key, fresh)
    return fresh
  }
  const resolve = <T>(value: T | { $ref: string }): T => {
    if (typeof value !== 'object' || value === null || !('$ref' in value)) return value as T
    const parts = value.$ref.replace(/^#\//, '').split('/')
    return parts.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], spec) as T
  }

  return {
    validate: (request) => {
      const match = matchRoute(routes, request.pathname)
      if (match === undefined) {
        return { route: undefined, pathParams: {}, problems: [`no route ${request.pathname} in the spec`], methodNotAllowed: false }
      }
      const { route, pathParams } = match
      const method = request.method.toLowerCase()
      const operation = route.item[method] as Operation | undefined
      if (operation === undefined) {
        return { route: route.template, pathParams, problems: [`${request.method} is not an operation of ${route.template}`], methodNotAllowed: true }
      }
      const parameters = [...((route.item.parameters as Operation['parameters']) ?? []), ...(operation.parameters ?? [])].map((p) => resolve<Parameter>(p))
      const problems = [
        ...checkParameters(parameters, pathParams, request.query, (key, schema) => schemaValidator(`${route.template} ${method} ${key}`, schema)),
        ...checkBody(`${method.toUpperCase()} ${route.template}`, operation, request, (media, schema) =>
          schemaValidator(`${route.template} ${method} body ${media}`, withErrata(`${method.toUpperCase()} ${route.template}`, schema)),
        ),
      ]
      return { route: route.template, pathParams, problems, methodNotAllowed: false }
    },
  }
}

const compileRoutes = (paths: Record<string, Record<string, unknown>>): Route[] =>
  Object.entries(paths).map(([template, item]) => {
    const names: string[] = []
    const segments = template.split('/').map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment)
      if (param === null) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      names.push(param[1] as string)
      return '([^/]+)'
    })
    return {
      template,
      pattern: new RegExp(`^${segments.join('/')}$`),
      names,
      literalSegments: template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length,
      item,
    }
  })

const matchRoute = (routes: readonly Route[], pathname: string): { route: Route; pathParams: Record<string, string> } | undefined => {
  const candidates = routes
    .map((route) => ({ route, found: route.pattern.exec(pathname) }))
    .filter((candidate): candidate is { route: Route; found: RegExpExecArray } => candidate.found !== null)
    .sort((a, b) => b.route.literalSegments - a.route.literalSegments)
  const best = candidates[0]
  if (best === undefined) return undefined
  const pathParams = Object.fromEntries(best.route.names.map((name, index) => [name, decodeURIComponent(best.found[index + 1] as string)]))
  return { route: best.route, pathParams }
}

const checkParameters = (
  parameters: readonly Parameter[],
  pathParams: Readonly<Record<string, string>>,
  query: URLSearchParams,
  validatorFor: (key: string, schema: unknown) => ValidateFunction,
): string[] => {
  const problems: string[] = []
  const declaredQuery = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name))
  for (const name of new Set(query.keys())) {
    if (!declaredQuery.has(name)) problems.push(`query parameter ${name} is not in the spec`)
  }
  for (const parameter of parameters) {
    if (parameter.in !== 'query' && parameter.in !== 'path') continue
    const raw = parameter.in === 'path' ? pathParams[parameter.name] : (query.get(parameter.name) ?? undefined)
    if (raw === undefined) {
      if (parameter.required === true) problems.push(`${parameter.in} parameter ${parameter.name} is required`)
      continue
    }
    const schema = parameter.schema ?? {}
    const validate = validatorFor(`${parameter.in}:${parameter.name}`, schema)
    const value = coerceParameter(raw, schema)
    if (!validate(value)) problems.push(`${parameter.in} parameter ${parameter.name}=${raw}: ${describeErrors(validate)}`)
  }
  return problems
}

/** Query and path values are text; the spec types them, so read them the way the server does. */
const coerceParameter = (raw: string, schema: Record<string, unknown>): unknown => {
  switch (schema.type) {
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
    case 'array':
      return raw.split(',')
    default:
      return raw
  }
}

const checkBody = (
  operationKey: string,
  operation: Operation,
  request: RequestToValidate,
  validatorFor: (media: string, schema: unknown) => ValidateFunction,
): string[] => {
  const forgotten = missingBodySchema(operationKey)
  const spec = operation.requestBody ?? (forgotten === undefined ? undefined : { content: { 'application/json': { schema: forgotten } } })
  if (request.body === '') return spec?.required === true ? ['request body is required'] : []
  if (spec?.content === undefined) return ['this operation takes no request body']
  const media = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const declared = spec.content[media]
  if (declared === undefined) return [`content type ${media || '(none)'} is not one of ${Object.keys(spec.content).join(', ')}`]
  if (media !== 'application/json' || declared.schema === undefined) return []
  let value: unknown
  try {
    value = JSON.parse(request.body)
  } catch {
    return ['request body is not valid JSON']
  }
  const validate = validatorFor(media, declared.schema)
  return validate(value) ? [] : [`request body: ${describeErrors(validate)}`]
}

const describeErrors = (validate: ValidateFunction): string =>
  (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`).join('; ')

/** Local `#/components/...` refs inside an operation point into the document registered as SPEC_ID. */
const anchorRefs = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(anchorRefs)
  if (typeof schema !== 'object' || schema === null) return schema
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : anchorRefs(value),
    ]),
  )
}
