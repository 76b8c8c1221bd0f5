import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { App } from '../../src/app';

const DOCUMENT_ID = 'openapi.json';
const PATH_ITEM_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Headers clients act on: when an answer carries one, its documentation must say so. */
const HEADERS_CLIENTS_ACT_ON = ['retry-after', 'www-authenticate'];
/** Fastify reads no body for these methods, whatever is sent. */
const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD']);

type Response = OpenAPIV3_1.ResponseObject;
type Parameter = OpenAPIV3_1.ParameterObject;
type RequestBody = OpenAPIV3_1.RequestBodyObject;
type Header = OpenAPIV3_1.HeaderObject;

/** One operation of the document. */
export interface Operation {
  /** `METHOD /path`, as the document writes the path. */
  key: string;
  method: string;
  spec: OpenAPIV3_1.OperationObject;
  /** Where it sits in the document, as JSON pointer tokens. */
  tokens: string[];
  /** Matches the request paths it serves; groups are its path parameters. */
  pattern: RegExp;
}

/** A URI fragment for a JSON pointer (RFC 6901 escapes, then percent-encoding). */
function fragment(tokens: string[]): string {
  const escape = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
  return `#${tokens.map((token) => `/${encodeURIComponent(escape(token))}`).join('')}`;
}

/** `/api/tasks/{id}` → /^\/api\/tasks\/(?<id>[^/]+)\/?$/ (Fastify ignores a trailing slash). */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) =>
      /^\{.+\}$/.test(part)
        ? `(?<${part.slice(1, -1)}>[^/]+)`
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}/?$`);
}

function headerOf(request: InjectOptions, name: string): string | undefined {
  const entry = Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry === undefined ? undefined : String(entry[1]);
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'malformed' }
  | { kind: 'other'; mediaType: string };

/** The request's body as the server's parser will see it. */
function bodyOf(request: InjectOptions): Body {
  const { payload } = request;
  if (payload === undefined) return { kind: 'none' };
  const isObject = typeof payload === 'object' && !Buffer.isBuffer(payload);
  const mediaType =
    headerOf(request, 'content-type')?.split(';')[0]?.trim().toLowerCase() ??
    (isObject ? 'application/json' : '(none)');
  if (mediaType !== 'application/json') return { kind: 'other', mediaType };
  if (isObject) return { kind: 'json', value: payload };
  try {
    return { kind: 'json', value: JSON.parse(String(payload)) };
  } catch {
    return { kind: 'malformed' };
  }
}

/** The path and the query of a request. */
function urlOf(request: InjectOptions): { path: string; query: URLSearchParams } {
  const url = String(request.url);
  const at = url.indexOf('?');
  return at < 0
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, at), query: new URLSearchParams(url.slice(at + 1)) };
}

/**
 * The OpenAPI document the app serves, read as a contract: which operations exist, which
 * requests each accepts, and which answers it may give (status, media type, body, headers).
 */
export class OpenApiDocument {
  readonly operations: Operation[];
  /** Bodies are JSON: types are checked as they are. */
  private readonly bodies = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  /** Parameters and headers arrive as text: `5` is an integer there. */
  private readonly texts = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    coerceTypes: true,
  });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenAPIV3_1.Document) {
    for (const ajv of [this.bodies, this.texts]) {
      addFormats(ajv);
      ajv.addSchema(document as object, DOCUMENT_ID);
    }
    this.operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      PATH_ITEM_METHODS.filter((method) => item?.[method as keyof typeof item]).map((method) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        spec: item?.[method as 'get'] as OpenAPIV3_1.OperationObject,
        tokens: ['paths', path, method],
        pattern: pathPattern(path),
      })),
    );
  }

  static async servedBy(app: App): Promise<OpenApiDocument> {
    return new OpenApiDocument((await app.inject({ url: '/api/openapi.json' })).json());
  }

  operationFor(request: InjectOptions): Operation | undefined {
    const method = (request.method ?? 'GET').toUpperCase();
    const { path } = urlOf(request);
    return this.operations.find((op) => op.method === method && op.pattern.test(path));
  }

  /** Why the document refuses this request, or undefined when it accepts it. */
  requestFault(operation: Operation, request: InjectOptions): string | undefined {
    const { path, query } = urlOf(request);
    const pathValues = operation.pattern.exec(path)?.groups ?? {};
    const parameters = (operation.spec.parameters ?? []) as Parameter[];
    for (const [index, parameter] of parameters.entries()) {
      const at = [...operation.tokens, 'parameters', String(index), 'schema'];
      const what = `${parameter.in} parameter ${parameter.name}`;
      if (parameter.in === 'path') {
        let value: string;
        try {
          value = decodeURIComponent(pathValues[parameter.name] ?? '');
        } catch {
          return `${what} is not valid percent-encoding`;
        }
        const fault = this.fault(this.texts, at, value, what);
        if (fault) return fault;
      }
      if (parameter.in === 'query') {
        const values = query.getAll(parameter.name);
        if (values.length > 1) return `${what} is repeated`;
        if (values[0] === undefined) {
          if (parameter.required) return `${what} is required`;
          continue;
        }
        const fault = this.fault(this.texts, at, values[0], what);
        if (fault) return fault;
      }
    }
    const known = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const unknown = [...query.keys()].find((name) => !known.has(name));
    if (known.size > 0 && unknown !== undefined) return `query parameter ${unknown} is unknown`;
    return this.bodyFault(operation, request);
  }

  private bodyFault(operation: Operation, request: InjectOptions): string | undefined {
    if (METHODS_WITHOUT_BODY.has(operation.method)) return undefined;
    const body = bodyOf(request);
    if (body.kind === 'malformed') return 'the body is not valid JSON';
    if (body.kind === 'other') return `the body is ${body.mediaType}, not application/json`;
    const requestBody = operation.spec.requestBody as RequestBody | undefined;
    if (!requestBody) return undefined;
    if (body.kind === 'none') return requestBody.required ? 'the body is missing' : undefined;
    const at = [...operation.tokens, 'requestBody', 'content', 'application/json', 'schema'];
    return this.fault(this.bodies, at, body.value, 'the body');
  }

  /** What in this answer the document does not promise; empty when it conforms. */
  responseFaults(operation: Operation, response: LightMyRequestResponse): string[] {
    const status = String(response.statusCode);
    const documented = operation.spec.responses?.[status] as Response | undefined;
    if (!documented) {
      const listed = Object.keys(operation.spec.responses ?? {}).join(', ');
      return [`${status} is not documented (${operation.key} documents ${listed})`];
    }
    const faults: string[] = [];
    const mediaType =
      String(response.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    const content = documented.content;
    if (!content) {
      if (response.body !== '') faults.push(`${status} has a body; the document shows none`);
    } else if (!content[mediaType]) {
      const listed = Object.keys(content).join(', ');
      faults.push(`${status} came as "${mediaType}"; the document says ${listed}`);
    } else {
      const at = [...operation.tokens, 'responses', status, 'content', mediaType, 'schema'];
      const body = mediaType.endsWith('json') ? response.json() : response.body;
      const fault = this.fault(this.bodies, at, body, 'the body');
      if (fault) faults.push(`${status}: ${fault}`);
    }
    const documentedHeaders = Object.keys(documented.headers ?? {}).map((name) =>
      name.toLowerCase(),
    );
    for (const name of HEADERS_CLIENTS_ACT_ON) {
      if (response.headers[name] !== undefined && !documentedHeaders.includes(name))
        faults.push(`${status} sends the ${name} header; the document does not mention it`);
    }
    for (const [name, entry] of Object.entries(documented.headers ?? {})) {
      const ref = '$ref' in entry ? entry.$ref : undefined;
      const header = (ref ? this.resolve(ref) : entry) as Header;
      const at = ref
        ? [...ref.slice(2).split('/'), 'schema']
        : [...operation.tokens, 'responses', status, 'headers', name, 'schema'];
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) faults.push(`${status} lacks the ${name} header`);
        continue;
      }
      const fault = this.fault(this.texts, at, String(value), `header ${name}`);
      if (fault) faults.push(`${status}: ${fault}`);
    }
    return faults;
  }

  private resolve(ref: string): unknown {
    return ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, token) => (node as Record<string, unknown>)[token], this.document);
  }

  /** Why `value` fails the schema at `tokens`, or undefined when it passes. */
  private fault(ajv: Ajv2020, tokens: string[], value: unknown, what: string): string | undefined {
    const ref = `${DOCUMENT_ID}${fragment(tokens)}`;
    const key = `${ajv === this.bodies ? 'body' : 'text'} ${ref}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      this.validators.set(key, validate);
    }
    return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: what });
  }
}

/** What the conforming app saw: which operation answered with which status. */
export interface Exchange {
  operation: string;
  status: number;
}

/** A private address per request: 10.x.y.z, counting up. */
function addressFor(count: number): string {
  return `10.${(count >> 16) & 255}.${(count >> 8) & 255}.${count & 255}`;
}

/**
 * The app, with every request injected through it (helpers such as signUp included) checked
 * against the document: the operation must be documented, and so must the answer's status, media
 * type, body and headers; a 400 must answer a request the document refuses, a success one it
 * accepts. Each request comes from an address of its own unless it names one, so only a request
 * repeated from one address meets a rate limit.
 */
export function conformingApp(app: App, document: OpenApiDocument, seen: Exchange[]): App {
  let requests = 0;
  async function inject(options: InjectOptions): Promise<LightMyRequestResponse> {
    const request = { remoteAddress: addressFor(++requests), ...options };
    const response = await app.inject(request);
    const what = `${request.method ?? 'GET'} ${String(request.url)} → ${response.statusCode}`;
    const operation = document.operationFor(request);
    if (!operation) throw new Error(`${what}: the document has no such operation`);
    const faults = document.responseFaults(operation, response);
    const requestFault = document.requestFault(operation, request);
    if (response.statusCode === 400 && !requestFault)
      faults.push('answered 400 to a request the document accepts');
    if (response.statusCode < 300 && requestFault)
      faults.push(`succeeded, but the document refuses the request: ${requestFault}`);
    if (faults.length > 0) {
      throw new Error(`${what}\n  ${faults.join('\n  ')}\n  body: ${response.body.slice(0, 600)}`);
    }
    seen.push({ operation: operation.key, status: response.statusCode });
    return response;
  }
  return new Proxy(app, {
    get: (target, key, receiver) =>
      key === 'inject' ? inject : Reflect.get(target, key, receiver),
  });
}
