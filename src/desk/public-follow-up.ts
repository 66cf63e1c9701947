import type { Db } from '../store/repositories';
import { customers, messages } from '../store/repositories';
import { PUBLIC_FOLLOW_UP } from '../texts/customer-texts';
import { detectLang } from '../triage/normalise';
import { latestPublicCustomerMessage } from './amplify';

const PUBLIC_PLATFORMS = new Set(['x', 'facebook', 'instagram']);

/** The conversation fields the offer reads. */
export interface FollowUpConversation {
  id: string;
  customer_id: string;
  reply_mode: string;
  status: string;
  resolved_at: string | null;
}

/**
 * A complaint that began in public and was resolved in DMs: offer a short public reply on the original post, so
 * everyone who saw the complaint sees it answered. Offered once per resolution, in the customer's language; null
 * when it does not apply or was already sent.
 */
export async function publicFollowUpOffer(
  db: Db,
  c: FollowUpConversation,
  channelKind: string,
): Promise<{ draft: string; messageId: string } | null> {
  if (!PUBLIC_PLATFORMS.has(channelKind) || c.reply_mode !== 'dm' || c.status !== 'resolved' || !c.resolved_at)
    return null;
  const original = await latestPublicCustomerMessage(db, c.id);
  if (!original) return null;
  if (await messages.followUpSince(db, c.id, c.resolved_at)) return null;
  // In the language of the post the follow-up answers.
  const lang = detectLang((await messages.get(db, original.id))?.text ?? '');
  return { draft: PUBLIC_FOLLOW_UP[lang](await customers.addressableName(db, c.customer_id)), messageId: original.id };
}
