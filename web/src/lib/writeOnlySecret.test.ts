import { describe, expect, it } from 'vitest';
import { secretField } from './writeOnlySecret';

describe('secretField', () => {
  it('sends nothing to keep the secret, null to remove it, and the typed text to replace it', () => {
    expect(secretField('secret', { mode: 'keep', value: 'ignored' })).toEqual({});
    expect(secretField('secret', { mode: 'remove', value: 'ignored' })).toEqual({ secret: null });
    expect(secretField('clientSecret', { mode: 'edit', value: 's3cret' })).toEqual({ clientSecret: 's3cret' });
    // An emptied field keeps the stored secret rather than setting an empty one.
    expect(secretField('secret', { mode: 'edit', value: '' })).toEqual({});
  });
});
