import { nextSealedSecret } from '../security/secrets';
import { deskSettingsDocument, reports, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import {
  DeskSettingsSchema,
  type DeskSettings,
  type DeskSettingsInput,
  type DeskSettingsView,
} from '../contracts/routing';
import { EXTERNAL_KINDS } from '../contracts/routing-values';

// The settings' schemas live with the HTTP contract (src/contracts/routing), re-exported here for the desk's modules.
export {
  DeskSettingsInputSchema,
  DeskSettingsSchema,
  NotificationSettingsSchema,
  webhookUrlProblem,
  type DeskSettings,
  type DeskSettingsInput,
  type NotificationSettings,
} from '../contracts/routing';
export { EXTERNAL_KINDS, type ExternalKind } from '../contracts/routing-values';

/** The settings as the API shows them: the webhook secret becomes `hasSecret`; only admins see the webhook URL. */
export function publicDeskSettings(
  s: DeskSettings,
  opts: { admin: boolean; smtpConfigured: boolean },
): DeskSettingsView {
  const { secret, ...webhook } = s.notifications.webhook;
  return {
    ...s,
    notifications: {
      email: { ...s.notifications.email, smtpConfigured: opts.smtpConfigured },
      webhook: { ...webhook, url: opts.admin ? webhook.url : null, hasSecret: Boolean(secret) },
    },
  };
}

export const deskSettings = {
  async get(db: Db, workspaceId: string): Promise<DeskSettings> {
    return DeskSettingsSchema.parse(parseJson(await deskSettingsDocument.read(db, workspaceId), {}));
  },
  async save(db: Db, workspaceId: string, settings: DeskSettings): Promise<void> {
    const before = await deskSettings.get(db, workspaceId);
    await deskSettingsDocument.write(db, workspaceId, JSON.stringify(settings));
    // Report facts hold SLA outcomes, business-time figures and local days: recomputed under the new rules.
    const shapesFacts = (s: DeskSettings) => JSON.stringify([s.sla, s.businessHours]);
    if (shapesFacts(before) !== shapesFacts(settings)) await reports.markWorkspaceStale(db, workspaceId);
  },
};

/** PUT semantics: notifications left out are kept; the write-only secret is kept, removed (null) or replaced (sealed). */
export function mergeDeskSettings(
  stored: DeskSettings,
  input: DeskSettingsInput,
  seal: (plain: string) => string,
): DeskSettings {
  const { notifications, ...rest } = input;
  if (!notifications) return { ...rest, notifications: stored.notifications };
  const { secret, hasSecret: _ignored, ...webhook } = notifications.webhook;
  const kinds = (k: readonly string[]) => EXTERNAL_KINDS.filter((x) => k.includes(x));
  return {
    ...rest,
    notifications: {
      email: { ...notifications.email, kinds: kinds(notifications.email.kinds) },
      webhook: {
        ...webhook,
        kinds: kinds(webhook.kinds),
        secret: nextSealedSecret(secret, stored.notifications.webhook.secret, seal),
      },
    },
  };
}
