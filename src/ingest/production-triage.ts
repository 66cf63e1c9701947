import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConversationTriage } from './triage-hook';

/** The triage analyser, when the module is present; without it conversations keep their default level. */
export async function productionTriage(): Promise<ConversationTriage | undefined> {
  const file = path.join(import.meta.dirname, '../triage/index.ts');
  if (!existsSync(file)) return undefined;
  const { analyse } = (await import(file)) as { analyse: (p: { text: string; context?: Record<string, unknown> }) => { level: 0 | 1 | 2 | 3; priority: number; sentiment: 'negative' | 'neutral' | 'positive'; categories: string[] } };
  return (text, context) => {
    const r = analyse({ text, context });
    return { level: r.level, priority: r.priority, sentiment: r.sentiment, categories: r.categories };
  };
}
