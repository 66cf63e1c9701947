import { nowIso } from '../../domain/ids';
import type { Db } from './types';

type SettingsTable = 'workspace_settings' | 'security_settings' | 'retention_settings';

/**
 * A workspace's settings documents, stored as JSON text (desk settings, security settings). Their schemas, defaults
 * and meaning live with the desk (desk/settings.ts, desk/security-settings.ts); this is only where they are kept.
 */
function settingsDocument(table: SettingsTable) {
  return {
    async read(db: Db, workspaceId: string): Promise<string | undefined> {
      const r = await db
        .selectFrom(table)
        .select('settings')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return r?.settings;
    },
    async write(db: Db, workspaceId: string, json: string): Promise<void> {
      const row = { settings: json, updated_at: nowIso() };
      const r = await db.updateTable(table).set(row).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0)
        await db
          .insertInto(table)
          .values({ workspace_id: workspaceId, ...row })
          .execute();
    },
  };
}

export const deskSettingsDocument = settingsDocument('workspace_settings');
export const securitySettingsDocument = settingsDocument('security_settings');
export const retentionSettingsDocument = settingsDocument('retention_settings');
