import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

import { MIN_PASSWORD_LENGTH } from '../contracts/values';

export { MIN_PASSWORD_LENGTH } from '../contracts/values';
/** zxcvbn's score 3: "safely unguessable: moderate protection from offline slow-hash scenario" (scrypt here). */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;
// Built on first use: the bundled dictionaries (common passwords, names, words) take a moment to load.
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }));

export type PasswordProblem = 'too_short' | 'same_as_account' | 'too_common' | 'too_guessable';

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  same_as_account: 'must not be the email address or the name',
  too_common:
    'is a common password or a simple pattern (for example 1234567890 or repeated characters); choose a longer phrase of unrelated words',
  too_guessable: 'is too easy to guess (common words, names, dates or keyboard patterns); add more unrelated words',
};

/**
 * Why a new password should be refused, or null. Offline and deterministic: zxcvbn's bundled lists of common
 * passwords, names and words, keyboard patterns, repeats and dates, with the account's own email and name as
 * extra dictionary words — so `1234567890`, ten spaces and the email itself are refused.
 */
export function passwordProblem(
  password: string,
  account: { email?: string | null; name?: string | null; extra?: string[] } = {},
): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  const email = account.email ? norm(account.email) : '';
  const inputs = [
    email,
    email.split('@')[0] ?? '',
    ...(account.name ? [norm(account.name), ...norm(account.name).split(/\s+/)] : []),
    ...(account.extra ?? []).map(norm),
  ].filter((s) => s.length >= 3);
  const pw = norm(password);
  if (inputs.some((i) => pw === i || pw.replace(/\s+/g, '') === i.replace(/\s+/g, ''))) return 'same_as_account';
  if (!pw.replace(/\s/g, '')) return 'too_common';
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const patterns = new Set(result.sequence.map((m) => m.pattern));
  const onlyPatterns = [...patterns].every(
    (p) => p === 'repeat' || p === 'sequence' || p === 'spatial' || p === 'date' || p === 'dictionary',
  );
  return onlyPatterns && result.sequence.length <= 2 ? 'too_common' : 'too_guessable';
}
