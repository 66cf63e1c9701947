import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../contracts/common';
import { DomainError, type DomainErrorKind } from '../domain/errors';

const statusOf: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export type { Problem } from '../contracts/common';

export const problem = (status: number, detail: string, errors?: Problem['errors'], code?: string): Problem => ({
  type: 'about:blank',
  title: titles[status] ?? 'Error',
  status,
  detail,
  ...(code ? { code } : {}),
  ...(errors ? { errors } : {}),
});

/** The one place where errors become HTTP: problem+json, a human message, never a stack trace. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let p: Problem;
    if (err instanceof DomainError) {
      p = problem(statusOf[err.kind], err.message, err.fieldErrors, err.code);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is invalid',
      }));
      p = problem(400, `Invalid request: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const detail =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'The request body is too large'
          : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
            ? 'The request body is not valid JSON'
            : err.message;
      p = problem(err.statusCode, detail);
    } else {
      req.log.error({ err }, 'unhandled error');
      p = problem(500, 'Something went wrong on our side. It has been logged.');
    }
    void reply.status(p.status).type('application/problem+json').send(p);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, `No route for ${req.method} ${req.url.split('?')[0]}`));
  });
}
