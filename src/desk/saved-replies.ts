import type { SavedReply, SavedReplyBodies } from '../contracts/saved-replies';
import { conversationRef, fillVariables, type ReplyVariable } from '../domain/reply-variables';
import { threadFacts } from '../domain/thread-facts';
import { bodyFor } from '../store/repositories/saved-replies';
import { customers, messages, type Db } from '../store/repositories';
import { detectLang } from '../triage/normalise';
import type { Lang } from '../texts/localized';

/** What a conversation gives a saved reply's variables, and the customer's language (their last message's). */
export interface ReplyValues {
  lang: Lang;
  values: Partial<Record<ReplyVariable, string | null>>;
}

export async function replyValues(
  db: Db,
  conversation: { id: string; customer_id: string },
  agentName: string | null,
): Promise<ReplyValues> {
  const texts = (await messages.customerTextsOf(db, [conversation.id])).map((m) => m.text);
  const facts = threadFacts(texts);
  return {
    lang: texts.length ? detectLang(texts.at(-1)!) : 'ja',
    values: {
      'customer.name': await customers.addressableName(db, conversation.customer_id),
      'agent.name': agentName,
      'conversation.id': conversationRef(conversation.id),
      'order.number': facts.orderNumbers[0] ?? null,
      'order.date': facts.dates[0] ?? null,
    },
  };
}

/** A saved reply in the customer's language, its variables filled; what is still unknown is asked of the agent. */
export function renderFor(
  bodies: SavedReplyBodies,
  v: ReplyValues,
  agentLang: Lang,
): NonNullable<SavedReply['rendered']> {
  const lang: Lang = v.lang === 'en' ? (bodies.en ? 'en' : 'ja') : bodies.ja ? 'ja' : 'en';
  return { lang, ...fillVariables(bodyFor(bodies, lang), v.values, agentLang) };
}
