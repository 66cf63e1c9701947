import { describe, expect, it } from 'vitest';
import { graphFailure } from './graph';

const graphError = (code: number, message = 'x') => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'A1' },
});

describe('graphFailure', () => {
  it('treats 429 and throttling codes as retryable, honouring Retry-After or waiting 60 s', () => {
    expect(graphFailure(429, '3', null)).toMatchObject({ permanent: false, retryAfterMs: 3000 });
    for (const code of [4, 17, 32, 613])
      expect(graphFailure(400, null, graphError(code))).toMatchObject({ permanent: false, retryAfterMs: 60_000 });
  });
  it('retries 5xx with backoff', () => {
    const e = graphFailure(503, null, graphError(2, 'Service temporarily unavailable'));
    expect(e.permanent).toBe(false);
    expect(e.retryAfterMs).toBeUndefined();
  });
  it('gives up on other 4xx with Graph’s message', () => {
    const e = graphFailure(400, null, graphError(100, '(#100) Invalid parameter'));
    expect(e).toMatchObject({ permanent: true, message: 'Meta: (#100) Invalid parameter (code 100)' });
    expect(graphFailure(403, null, null)).toMatchObject({
      permanent: true,
      message: 'Meta Graph API answered HTTP 403',
    });
  });
});
