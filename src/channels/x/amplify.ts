import { DeliveryError, type AmplifyRequest } from '../types';
import { rateLimitWaitMs, XApiError, xRequest } from './api';
import type { XCredentials } from './credentials';

/** X announces when the window resets; when it does not, wait a quarter hour (X's rate-limit window). */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;

function amplifyError(err: unknown): unknown {
  if (!(err instanceof XApiError)) return err;
  if (err.status === 429)
    return new DeliveryError(
      `${err.message} (rate limited)`,
      false,
      rateLimitWaitMs(err.headers) ?? DEFAULT_RATE_LIMIT_WAIT_MS,
    );
  if (err.status >= 500) return new DeliveryError(err.message, false);
  return new DeliveryError(err.message, true);
}

/**
 * Likes (`POST /2/users/:id/likes`) or reposts (`POST /2/users/:id/retweets`) a customer's public post as the
 * brand account; both need the brand's user-context token.
 */
export async function xAmplify(
  creds: XCredentials,
  req: Pick<AmplifyRequest, 'action' | 'target'>,
): Promise<{ externalId?: string }> {
  const meta = req.target.meta;
  if (meta.visibility !== 'public' || typeof meta.tweetId !== 'string')
    throw new DeliveryError('Only public posts can be amplified; this is a direct message', true);
  if (!creds.accessToken)
    throw new DeliveryError(
      'This X channel has no user access token (accessToken), so Koe can listen but not like or repost',
      true,
    );
  const path = `/2/users/${encodeURIComponent(creds.userId)}/${req.action === 'like' ? 'likes' : 'retweets'}`;
  try {
    const { data } = await xRequest<{ data?: { liked?: boolean; retweeted?: boolean; id?: string; rest_id?: string } }>(
      creds,
      creds.accessToken,
      'POST',
      path,
      { tweet_id: meta.tweetId },
    );
    if (req.action === 'like') {
      if (data.data?.liked === false) throw new DeliveryError('X: the post could not be liked', true);
      return {};
    }
    if (data.data?.retweeted === false) throw new DeliveryError('X: the post could not be reposted', true);
    return { externalId: data.data?.rest_id ?? data.data?.id };
  } catch (err) {
    throw amplifyError(err);
  }
}
