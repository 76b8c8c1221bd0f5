import { createHash } from 'node:crypto';
import type { OpenAPIV3_1 as OpenAPI } from 'openapi-types';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f4f5;padding:.75rem;overflow:auto;font-size:13px}
.op{border-top:1px solid #ddd;padding:.5rem 0}.method{display:inline-block;min-width:4.5rem;font-size:13px;padding:2px 6px;border-radius:4px;color:#fff;background:#555}
.get{background:#1d4ed8}.post{background:#15803d}.put{background:#a16207}.patch{background:#7c3aed}.delete{background:#b91c1c}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}caption{text-align:left;font-weight:600}
`;

/**
 * The page runs no script and loads nothing: its one inline style is allowed by hash, and no other
 * site may frame it (clickjacking) or receive its address as a referrer.
 */
export const DOCS_PAGE_HEADERS = {
  'content-security-policy': [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function schemaText(schema: unknown): string {
  return escape(JSON.stringify(schema, null, 2));
}

function operationHtml(path: string, method: string, operation: OpenAPI.OperationObject): string {
  const parameters = (operation.parameters ?? []) as OpenAPI.ParameterObject[];
  const body = (operation.requestBody as OpenAPI.RequestBodyObject | undefined)?.content?.[
    'application/json'
  ];
  const responses = Object.entries(operation.responses ?? {}) as [string, OpenAPI.ResponseObject][];
  return `<section class="op" id="${escape(operation.operationId ?? `${method}-${path}`)}">
  <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
  <p>${escape(operation.summary)}</p>
  ${operation.description ? `<p>${escape(operation.description)}</p>` : ''}
  ${
    parameters.length
      ? `<table><caption>Parameters</caption><tr><th>Name</th><th>In</th><th>Required</th><th>Description</th></tr>${parameters
          .map(
            (p) =>
              `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escape(p.description ?? (p.schema as { description?: string })?.description)}</td></tr>`,
          )
          .join('')}</table>`
      : ''
  }
  ${body ? `<details><summary>Request body (application/json)</summary><pre>${schemaText(body.schema)}</pre></details>` : ''}
  <details><summary>Responses: ${responses.map(([code]) => escape(code)).join(', ')}</summary>
  ${responses
    .map(([code, response]) => {
      const content = Object.entries(response.content ?? {})[0];
      return `<h4>${escape(code)} ${escape(response.description)}</h4>${content ? `<pre>${schemaText(content[1].schema)}</pre>` : ''}`;
    })
    .join('')}
  </details>
</section>`;
}

/** A self-contained reference page rendered from the OpenAPI document (no CDN, no scripts). */
export function renderDocsPage(document: OpenAPI.Document): string {
  const sections = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [operationHtml(path, method, operation)] : [];
    }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.info.title)} reference</title>
<style>${STYLE}</style></head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escape(document.openapi)}).</p>
<h2>Schemas</h2>
${Object.entries(document.components?.schemas ?? {})
  .map(
    ([name, schema]) =>
      `<details id="schema-${escape(name)}"><summary><code>${escape(name)}</code></summary><pre>${schemaText(schema)}</pre></details>`,
  )
  .join('\n')}
<h2>Operations</h2>
${sections.join('\n')}
</body></html>`;
}
