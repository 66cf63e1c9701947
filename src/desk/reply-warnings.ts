import type { ReplyWarning } from '../contracts/conversations';
import { copiesOf, defensivePhrase, isSigned } from '../domain/reply-style';
import { messages, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { URGENT_CATEGORIES, type Category } from '../triage/types';
import type { ReplyContext } from './reply-context';
import type { DeskSettings } from './settings';

const DAY = 86_400_000;

/**
 * What the composer warns about before a reply goes (it never blocks): the same text already sent to other
 * customers today, a public first reply without the agent's name, defensive phrasing in a reply to a complaint.
 */
export async function replyWarnings(
  db: Db,
  c: {
    id: string;
    workspace_id: string;
    first_response_at: string | null;
    sentiment: string | null;
    categories: string;
  },
  text: string,
  agent: { name: string; displayName: string },
  ctx: Pick<ReplyContext, 'replyGoes'>,
  settings: DeskSettings,
): Promise<ReplyWarning[]> {
  if (!text.trim()) return [];
  const out: ReplyWarning[] = [];
  if (ctx.replyGoes === 'public') {
    const since = new Date(Date.now() - DAY).toISOString();
    const copies = copiesOf(text, await messages.repliesElsewhere(db, c.workspace_id, c.id, since));
    if (copies.length) out.push({ code: 'copy_paste', count: copies.length, example: copies[0]!.slice(0, 200) });
    if (!c.first_response_at && !isSigned(text, [agent.displayName, agent.name]))
      out.push({ code: 'unsigned', name: agent.displayName || agent.name });
  }
  const categories = parseJson<string[]>(c.categories, []);
  const complaint = c.sentiment === 'negative' || categories.some((x) => URGENT_CATEGORIES.has(x as Category));
  if (complaint) {
    const { ja, en } = settings.replyStyle.defensivePhrases;
    const phrase = defensivePhrase(text, [...ja, ...en]);
    if (phrase) out.push({ code: 'defensive', phrase });
  }
  return out;
}
