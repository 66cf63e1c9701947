import { hashToken } from '../../security/secrets';

/**
 * A widget visitor proves who they are with a random token kept in their browser. Koe stores only its
 * hash, which doubles as the visitor's external id on the channel.
 */
export const visitorExternalId = (visitorToken: string) => `v_${hashToken(visitorToken)}`;

export function guestName(externalId: string, locale: string | undefined): string {
  const suffix = externalId.slice(-4).toUpperCase();
  return locale?.startsWith('en') ? `Guest ${suffix}` : `ゲスト ${suffix}`;
}
