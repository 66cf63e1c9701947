import { describe, expect, it } from 'vitest';
import { hubChallenge, hubSignature, isValidHubSignature } from './verify';

describe('Meta webhook verification', () => {
  const body = Buffer.from('{"object":"page","entry":[]}');

  it('matches the documented algorithm (test vector from the platform notes)', () => {
    expect(hubSignature('app-secret', body)).toBe(
      'sha256=e6e9d7a842a48e17f43a34d6125d0d933e2aab92ee37f0993a4d493b50e3d438',
    );
    expect(
      isValidHubSignature(
        'app-secret',
        body,
        'sha256=e6e9d7a842a48e17f43a34d6125d0d933e2aab92ee37f0993a4d493b50e3d438',
      ),
    ).toBe(true);
  });

  it('rejects missing, malformed, legacy sha1 and wrong-secret signatures', () => {
    expect(isValidHubSignature('app-secret', body, undefined)).toBe(false);
    expect(isValidHubSignature('app-secret', body, 'sha256=zz')).toBe(false);
    expect(isValidHubSignature('app-secret', body, 'sha1=0123456789abcdef0123456789abcdef01234567')).toBe(false);
    expect(isValidHubSignature('app-secret', body, hubSignature('other', body))).toBe(false);
  });

  it('signs the raw bytes: escaped unicode is not the same body as the decoded one', () => {
    const escaped = Buffer.from('{"text":"\\u3053\\u3093"}');
    const decoded = Buffer.from(JSON.stringify(JSON.parse(escaped.toString())));
    expect(isValidHubSignature('s', decoded, hubSignature('s', escaped))).toBe(false);
  });

  it('answers the challenge only for subscribe with the right token', () => {
    const q = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1158201444' };
    expect(hubChallenge(q, 'tok')).toBe('1158201444');
    expect(hubChallenge(q, 'toke')).toBeNull();
    expect(hubChallenge({ ...q, 'hub.mode': 'unsubscribe' }, 'tok')).toBeNull();
    expect(hubChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'tok' }, 'tok')).toBeNull();
  });
});
