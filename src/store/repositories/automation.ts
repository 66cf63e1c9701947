import type { Selectable } from 'kysely';
import type { Rule } from '../../automation/rules';
import { newId, nowIso } from '../../domain/ids';
import type { AutomationRuleTable } from '../schema';
import { parseJson, type Db } from './types';

const toRule = (r: Selectable<AutomationRuleTable>): Rule => ({
  id: r.id,
  name: r.name,
  enabled: Boolean(r.enabled),
  order: Number(r.sort_order),
  event: r.event as Rule['event'],
  conditions: parseJson(r.conditions, []),
  actions: parseJson(r.actions, []),
  stopProcessing: Boolean(r.stop_processing),
});

const toRow = (r: Omit<Rule, 'id'>) => ({
  name: r.name,
  enabled: r.enabled ? 1 : 0,
  sort_order: r.order,
  event: r.event,
  conditions: JSON.stringify(r.conditions),
  actions: JSON.stringify(r.actions),
  stop_processing: r.stopProcessing ? 1 : 0,
});

export const automationRules = {
  async list(db: Db, workspaceId: string): Promise<Rule[]> {
    const rows = await db
      .selectFrom('automation_rules')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return rows.map(toRule);
  },
  async create(db: Db, workspaceId: string, r: Omit<Rule, 'id'>): Promise<Rule> {
    const id = newId();
    const now = nowIso();
    await db
      .insertInto('automation_rules')
      .values({ id, workspace_id: workspaceId, ...toRow(r), created_at: now, updated_at: now })
      .execute();
    return { id, ...r };
  },
  async update(db: Db, workspaceId: string, id: string, r: Omit<Rule, 'id'>): Promise<boolean> {
    const res = await db
      .updateTable('automation_rules')
      .set({ ...toRow(r), updated_at: nowIso() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },
  async remove(db: Db, workspaceId: string, id: string): Promise<boolean> {
    const res = await db
      .deleteFrom('automation_rules')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
};
