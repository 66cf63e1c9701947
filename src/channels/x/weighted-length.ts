import twitterText from 'twitter-text';

export const X_POST_LIMIT = 280;
export const X_DM_LIMIT = 10_000;

/**
 * X's weighted length (CJK and emoji weigh 2, any URL 23, NFC-normalised), counted by X's own library so the
 * desk agrees with the platform; exported for the reply box to warn before sending.
 */
export function xWeightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

export const fitsXPost = (text: string) => xWeightedLength(text) <= X_POST_LIMIT;
