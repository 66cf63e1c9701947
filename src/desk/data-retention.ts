import type { Logger } from 'pino';
import { notFound } from '../domain/errors';
import { nowIso } from '../domain/ids';
import { RetentionSettingsSchema, type ErasureResult, type RetentionSettings } from '../contracts/retention';
import { removedTexts } from '../texts/desk-texts';
import { audit, bySystem, retention, retentionSettingsDocument, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import type { AuditEntry } from '../store/repositories/audit';

/** A batch per transaction: a large first round (retention just turned on) never holds SQLite's one writer for long. */
const BATCH = 500;

const placeholder = {
  text: removedTexts.message.ja,
  meta: JSON.stringify({ redacted: true, localized: removedTexts.message }),
};
const preview = `${removedTexts.preview.ja} ${removedTexts.preview.en}`;

export const retentionSettings = {
  async get(db: Db, workspaceId: string): Promise<RetentionSettings> {
    return RetentionSettingsSchema.parse(parseJson(await retentionSettingsDocument.read(db, workspaceId), {}));
  },
  async save(db: Db, workspaceId: string, settings: RetentionSettings, actor: AuditEntry['actor']): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await retentionSettingsDocument.write(tx, workspaceId, JSON.stringify(settings));
      await audit.log(tx, {
        workspaceId,
        actor,
        action: 'retention.settings_changed',
        target: { type: 'workspace', id: workspaceId },
        detail: { messageDays: settings.messageDays },
      });
    });
  },
};

/**
 * One retention round for every workspace that turned it on: customers' messages older than the setting lose their
 * words (in batches, each its own transaction) and conversations idle since then lose their preview and triage
 * evidence. Safe in several processes at once (each update skips what is already removed); audited when it removed
 * anything. Returns the number of messages removed.
 */
export async function applyRetention(deps: { db: Db; log: Logger }, now = new Date()): Promise<number> {
  let total = 0;
  for (const workspaceId of await retention.workspacesWithSettings(deps.db)) {
    const { messageDays } = await retentionSettings.get(deps.db, workspaceId);
    if (!messageDays) continue;
    const before = new Date(now.getTime() - messageDays * 86_400_000).toISOString();
    let messages = 0;
    for (;;) {
      const n = await deps.db.transaction().execute(async (tx) => {
        const ids = await retention.messagesDue(tx, workspaceId, before, BATCH);
        return retention.redactMessages(tx, ids, placeholder, nowIso());
      });
      messages += n;
      if (n < BATCH) break;
    }
    const conversations = await retention.clearConversationText(deps.db, { workspaceId, before }, preview);
    if (messages || conversations) {
      await audit.log(deps.db, {
        workspaceId,
        actor: bySystem('data retention'),
        action: 'retention.applied',
        target: { type: 'workspace', id: workspaceId },
        detail: { messageDays, before, messages, conversations },
      });
      deps.log.info({ workspaceId, messages, conversations }, 'data retention removed customers’ messages');
    }
    total += messages;
  }
  return total;
}

/**
 * A privacy request: every message the customer wrote loses its words, their conversations their previews and triage
 * evidence, and the profile its name, email, tags and platform identities (a later message starts a new customer).
 * Conversations stay, so reports keep their counts. Idempotent; every request is audited with what it changed.
 */
export async function eraseCustomer(
  db: Db,
  p: { workspaceId: string; customerId: string; actor: AuditEntry['actor'] },
): Promise<ErasureResult> {
  return db.transaction().execute(async (tx) => {
    const found = await retention.findCustomer(tx, p.workspaceId, p.customerId);
    if (!found.some((c) => c.id === p.customerId)) throw notFound('Customer');
    const now = nowIso();
    const messages = await retention.redactMessages(
      tx,
      await retention.messagesOfCustomer(tx, p.customerId),
      placeholder,
      now,
    );
    const conversations = await retention.clearConversationText(tx, { customerId: p.customerId }, preview);
    const name = `${removedTexts.customerName.ja} (${removedTexts.customerName.en})`;
    const profileErased = await retention.eraseCustomer(tx, p.customerId, name, now);
    const result = { customerId: p.customerId, messages, conversations, profileErased };
    await audit.log(tx, {
      workspaceId: p.workspaceId,
      actor: p.actor,
      action: 'customer.erased',
      target: { type: 'customer', id: p.customerId },
      detail: { messages, conversations, profileErased },
    });
    return result;
  });
}
