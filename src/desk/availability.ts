import type { WidgetAvailability } from '../contracts/widget';
import { nextOpening, type BusinessCalendar } from '../routing/business-hours';
import { agents, type Db } from '../store/repositories';
import { deskSettings } from './settings';

/**
 * What the chat widget may promise a visitor: `online` when an agent is online (a reply within minutes), `busy`
 * during opening hours with nobody online, `closed` outside them, with when the desk opens next.
 */
export async function widgetAvailability(db: Db, workspaceId: string, now = new Date()): Promise<WidgetAvailability> {
  const rows = await agents.routingRows(db, workspaceId);
  const calendar = (await deskSettings.get(db, workspaceId)).businessHours as BusinessCalendar;
  if (rows.some((r) => r.presence === 'online')) return { state: 'online', opensAt: null, timeZone: calendar.timeZone };
  const opens = nextOpening(calendar, now);
  return opens && opens.getTime() > now.getTime()
    ? { state: 'closed', opensAt: opens.toISOString(), timeZone: calendar.timeZone }
    : { state: 'busy', opensAt: null, timeZone: calendar.timeZone };
}
