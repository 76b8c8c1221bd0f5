import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { DOCS_PAGE_HEADERS, renderDocsPage } from './docs-page';

/** The OpenAPI document and a human reference page, both built once on first request. */
const docsRoutes: FastifyPluginAsyncZod = async (app) => {
  let page: string | undefined;

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => {
    page ??= renderDocsPage(app.swagger() as OpenAPIV3_1.Document);
    return reply.type('text/html; charset=utf-8').headers(DOCS_PAGE_HEADERS).send(page);
  });
};

export default docsRoutes;
