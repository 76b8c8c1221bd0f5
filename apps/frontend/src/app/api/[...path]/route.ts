import { readEnv } from '../../../lib/env';

/**
 * Forwards /api/* to the API at BACKEND_URL (read per request) for local development and for
 * deployments without ingress path routing. Bodies stream both ways; status codes, cookies and
 * headers pass through unchanged. Under the Helm chart's ingress, /api goes to the API directly.
 */
export const dynamic = 'force-dynamic';

// Connection-level headers that must not be forwarded (RFC 9110 §7.6.1), plus ones fetch sets.
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
  'host',
  'content-length',
];

async function proxy(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  const target = new URL(incoming.pathname + incoming.search, readEnv().BACKEND_URL);
  const headers = new Headers(request.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  headers.set('x-forwarded-host', incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));

  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      redirect: 'manual',
      cache: 'no-store',
      // Required by Node's fetch to stream a request body.
      ...({ duplex: 'half' } as object),
    });
  } catch {
    return Response.json(
      {
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: 'The API is unreachable; try again shortly',
        instance: incoming.pathname,
        requestId: '',
      },
      { status: 502, headers: { 'content-type': 'application/problem+json' } },
    );
  }
  const responseHeaders = new Headers(upstream.headers);
  // fetch has already decoded the body, so its encoding and length no longer apply.
  for (const name of [
    'content-encoding',
    'content-length',
    'transfer-encoding',
    'connection',
    'keep-alive',
  ]) {
    responseHeaders.delete(name);
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

export {
  proxy as GET,
  proxy as POST,
  proxy as PUT,
  proxy as PATCH,
  proxy as DELETE,
  proxy as HEAD,
  proxy as OPTIONS,
};
