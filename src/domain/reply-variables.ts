import type { Lang } from '../texts/localized';

/**
 * Variables in saved replies: `{{customer.name}}`, `{{agent.name}}`, `{{conversation.id}}` (the conversation's short
 * reference), `{{order.number}}` and `{{order.date}}` (found in the thread), and `{{ask:お届け予定日}}` (the agent is asked
 * for it on insert). A variable with no value becomes a prompt as well, so nothing is ever sent with a blank or a brace.
 */
export const REPLY_VARIABLES = [
  'customer.name',
  'agent.name',
  'conversation.id',
  'order.number',
  'order.date',
] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];

export const VARIABLE_LABELS: Record<ReplyVariable, Record<Lang, string>> = {
  'customer.name': { ja: 'お客様のお名前', en: "Customer's name" },
  'agent.name': { ja: '担当者名', en: 'Your name' },
  'conversation.id': { ja: 'お問い合わせ番号', en: 'Reference number' },
  'order.number': { ja: '注文番号', en: 'Order number' },
  'order.date': { ja: '日付', en: 'Date' },
};

const TOKEN = /\{\{\s*([^{}]+?)\s*\}\}/gu;
const ASK = /^ask:(.{1,40})$/u;

/** The variables a text names (built-in and `ask:` prompts), and the unknown ones, which a save refuses. */
export function variablesOf(text: string): { known: string[]; unknown: string[] } {
  const known: string[] = [];
  const unknown: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1]!;
    const list = (REPLY_VARIABLES as readonly string[]).includes(name) || ASK.test(name) ? known : unknown;
    if (!list.includes(name)) list.push(name);
  }
  return { known, unknown };
}

export interface ReplyPrompt {
  /** The exact text to replace in `text` (e.g. `{{ask:お届け予定日}}`). */
  key: string;
  /** What to ask the agent, in their language. */
  label: string;
}

/**
 * Fills the known variables; each one without a value, and each `ask:`, is left in the text once per occurrence and
 * listed in `prompts` (once per key) for the agent to answer before the reply goes into the composer.
 */
export function fillVariables(
  text: string,
  values: Partial<Record<ReplyVariable, string | null>>,
  agentLang: Lang,
): { text: string; prompts: ReplyPrompt[] } {
  const prompts: ReplyPrompt[] = [];
  const filled = text.replace(TOKEN, (token, raw: string) => {
    const name = raw.trim();
    const value = (REPLY_VARIABLES as readonly string[]).includes(name) ? values[name as ReplyVariable] : undefined;
    if (value) return value;
    const key = `{{${name}}}`;
    const label = ASK.exec(name)?.[1]?.trim() ?? VARIABLE_LABELS[name as ReplyVariable]?.[agentLang] ?? name;
    if (!prompts.some((p) => p.key === key)) prompts.push({ key, label });
    return key;
  });
  return { text: filled, prompts };
}

/** A short reference for a conversation that customers can quote: 8 characters of its random id, upper case. */
export const conversationRef = (id: string): string => id.replace(/-/g, '').slice(0, 8).toUpperCase();
