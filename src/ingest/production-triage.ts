import { analyse } from '../triage';
import type { ConversationTriage } from './triage-hook';

/** The ingest pipeline's view of the triage analyser: one post in, the conversation-level verdict out. */
export const productionTriage: ConversationTriage = (text, context) => {
  const r = analyse({ text, context });
  return { level: r.level, priority: r.priority, sentiment: r.sentiment, categories: r.categories };
};
