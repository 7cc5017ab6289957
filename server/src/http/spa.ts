import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeNotFound } from './errors.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const API_PREFIXES = ['/api/', '/health', '/ready', '/metrics'];

/**
 * Serves the built web app. Vite puts content-hashed files under `assets/`,
 * which may be cached forever; everything else (index.html above all) is
 * revalidated so a new release is picked up at the next load. A GET for an
 * unknown path that is not an API path gets index.html so the app's router
 * can answer deep links.
 */
export async function registerSpa(app: FastifyInstance, distDir: string | null): Promise<void> {
  const indexFile = distDir ? path.join(distDir, 'index.html') : null;
  const hasSpa = indexFile !== null && existsSync(indexFile);

  if (hasSpa && distDir) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const relative = path.relative(distDir, filePath).split(path.sep);
        res.header('Cache-Control', relative[0] === 'assets' ? IMMUTABLE : REVALIDATE);
      },
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage =
      hasSpa &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !API_PREFIXES.some((prefix) => pathname.startsWith(prefix)) &&
      !pathname.startsWith('/assets/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return routeNotFound(request, reply);
    reply.header('Cache-Control', REVALIDATE);
    return reply.sendFile('index.html');
  });
}
