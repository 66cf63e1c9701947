import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Role } from '../domain/permissions';
import { requiredRoleOf } from './auth';

/** One registered route as the security tests and docs see it. */
export interface RouteEntry {
  method: string;
  url: string;
  /** The least role its guard admits, or null for a route without a guard (public, or authenticated otherwise). */
  role: Role | null;
  /** Whether a cookie-authenticated unsafe request must carry the CSRF token. */
  csrf: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

/**
 * Collects every route as it is registered, so a test can walk all of them (role × caller, CSRF) and a route
 * added later is covered without anyone remembering to list it.
 */
export function collectRouteTable(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  // Read when asked, not when registered: a scope's own onRoute hooks (withoutCsrf) run after this one.
  app.decorate('routeTable', {
    getter: () =>
      routes.flatMap((route) =>
        (Array.isArray(route.method) ? route.method : [route.method])
          .filter((method) => method !== 'HEAD')
          .map((method) => ({
            method,
            url: route.url,
            role: requiredRoleOf(route.preValidation, route.preHandler),
            csrf: (route.config as { csrf?: false } | undefined)?.csrf !== false,
          })),
      ),
  });
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
}

/** Routes in a scope that authenticate by signature or token rather than the agent's session. */
export function withoutCsrf(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object | undefined), csrf: false } as typeof route.config;
  });
}
