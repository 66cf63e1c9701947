import type { Logger } from 'pino';
import type { ReplyDraft } from '../contracts/answer-bot';
import { DomainError, notFound } from '../domain/errors';
import { plainOfMarkdown } from '../search/plain-text';
import { answerBot, conversations, type Db } from '../store/repositories';
import { articlesFor } from './answer-bot';
import { deskSettings } from './settings';

// Reply drafts from an optional language model (KOE_LLM_URL, any OpenAI-compatible chat-completions endpoint): the
// agent asks for one, reads it, edits it and sends it themselves. Koe never sends a draft, and a workspace gets none
// until an admin turns them on (desk setting llmDrafts). The model is given the customer's recent messages and the
// three published articles that match them best, and told to answer only from those.

export interface LlmDeps {
  db: Db;
  log: Logger;
  llm?: { url: string; model: string; apiKey?: string };
}

const off = () =>
  new DomainError(
    'conflict',
    'Reply drafts are not available: no language model is configured, or an admin has not turned drafts on',
    undefined,
    'llm_drafts_off',
  );
const failed = () =>
  new DomainError('conflict', 'The language model did not answer; write the reply yourself', undefined, 'llm_failed');

/** Whether the agents of a workspace may ask for drafts (a model configured and the admin's switch on). */
export async function draftsAvailable(deps: Pick<LlmDeps, 'db' | 'llm'>, workspaceId: string): Promise<boolean> {
  return !!deps.llm && (await deskSettings.get(deps.db, workspaceId)).llmDrafts.enabled;
}

/** A reply draft for the conversation, in the customer's language. Throws `llm_drafts_off` or `llm_failed`. */
export async function draftReply(deps: LlmDeps, workspaceId: string, conversationId: string): Promise<ReplyDraft> {
  if (!deps.llm || !(await draftsAvailable(deps, workspaceId))) throw off();
  const conv = await conversations.row(deps.db, workspaceId, conversationId);
  if (!conv) throw notFound('Conversation');
  const { newestFirst } = await answerBot.customerMessages(deps.db, conversationId);
  if (!newestFirst.length)
    throw new DomainError('conflict', 'The customer has not written yet', undefined, 'llm_failed');
  const recent = newestFirst.slice(0, 5).reverse();
  const found = await articlesFor(deps.db, workspaceId, recent.map((m) => m.text).join('\n'), 3);
  const byId = new Map(found.articles.map((a) => [a.id, a]));
  const articles = found.match.ranked.flatMap((r) => (byId.has(r.articleId) ? [byId.get(r.articleId)!] : []));
  const language = found.lang === 'ja' ? 'Japanese (polite です/ます)' : 'English';
  const messages = [
    {
      role: 'system',
      content:
        `You draft replies for a customer-support agent, who will read and edit your draft before sending it. ` +
        `Write in ${language}, briefly and warmly, as a person would. Use only facts from the help articles below; ` +
        `if they do not answer the customer, say that you will check and get back to them. Never invent policies, ` +
        `prices, dates or order details.\n\n` +
        (articles.length
          ? articles
              .map((a, i) => `Article ${i + 1}: ${a.title}\n${plainOfMarkdown(a.body).slice(0, 3000)}`)
              .join('\n\n')
          : 'No help article matches this conversation.'),
    },
    ...recent.map((m) => ({ role: 'user', content: m.text })),
  ];
  let text: string | undefined;
  try {
    const res = await fetch(`${deps.llm.url}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(deps.llm.apiKey ? { authorization: `Bearer ${deps.llm.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: deps.llm.model, messages, temperature: 0.2, max_tokens: 600 }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    text = typeof content === 'string' ? content.trim() : undefined;
  } catch (err) {
    deps.log.warn({ err, conversationId }, 'language model draft failed');
    throw failed();
  }
  if (!text) throw failed();
  return { text: text.slice(0, 5000), articleIds: articles.map((a) => a.id) };
}
