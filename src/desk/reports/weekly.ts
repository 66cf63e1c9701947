import type { Logger } from 'pino';
import type { KoeConfig } from '../../config/config';
import type { ReportView } from '../../contracts/reports';
import { agents, workspaces, type Db } from '../../store/repositories';
import { categoryName } from '../../texts/desk-texts';
import { langOf, type Lang } from '../../texts/localized';
import { sendPlainMail } from '../mail';
import { deskSettings } from '../settings';
import { localDays } from './facts';
import { buildDeskReport } from './report';

// The weekly summary: on Monday morning (from 09:00 in the desk's time zone), every active supervisor and admin with an
// address gets last week's key figures against the week before, with a link to the reports page. Sent once per
// workspace and week (a claimed row), and only when Koe has a mail relay (KOE_SMTP_URL).

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The Monday (YYYY-MM-DD) of the last complete week, when its summary is due at `now`; else null. */
export function dueWeek(now: Date, timeZone: string): string | null {
  const t = localDays(timeZone)(now.getTime());
  if (t.weekday !== 1 || t.hour < 9) return null;
  return addDays(t.day, -7);
}

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);
const mins = (ms: number | null, lang: Lang) => {
  if (ms === null) return '–';
  const m = Math.round(ms / 60_000);
  if (m < 60) return lang === 'ja' ? `${m}分` : `${m} min`;
  const h = Math.floor(m / 60);
  return lang === 'ja' ? `${h}時間${m % 60}分` : `${h} h ${m % 60} min`;
};

/** The mail's text for one reader. */
export function summaryText(
  r: ReportView,
  workspace: string,
  url: string,
  lang: Lang,
): { subject: string; text: string } {
  const c = r.current;
  const b = r.before;
  const line = (label: string, now: string, before: string) =>
    lang === 'ja' ? `・${label}: ${now}（前週 ${before}）` : `- ${label}: ${now} (week before: ${before})`;
  const csat = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} / 5`);
  const lines =
    lang === 'ja'
      ? [
          line('受信した会話', String(c.conversations), String(b.conversations)),
          line('応答率', pct(c.responseRate), pct(b.responseRate)) + ` ※業界平均 ${pct(r.industryResponseRate)}`,
          line('初回応答（中央値）', mins(c.frtMedianMs, lang), mins(b.frtMedianMs, lang)),
          line('5分以内の応答', pct(c.within5m), pct(b.within5m)),
          line('SLA達成率', pct(c.slaAttainment), pct(b.slaAttainment)),
          line('解決までの時間（中央値）', mins(c.resolutionMedianMs, lang), mins(b.resolutionMedianMs, lang)),
          line('顧客満足度（CSAT）', csat(c.csatAverage), csat(b.csatAverage)),
        ]
      : [
          line('Conversations received', String(c.conversations), String(b.conversations)),
          line('Response rate', pct(c.responseRate), pct(b.responseRate)) +
            ` (industry average ${pct(r.industryResponseRate)})`,
          line('First response (median)', mins(c.frtMedianMs, lang), mins(b.frtMedianMs, lang)),
          line('Answered within 5 minutes', pct(c.within5m), pct(b.within5m)),
          line('SLA attainment', pct(c.slaAttainment), pct(b.slaAttainment)),
          line('Time to resolve (median)', mins(c.resolutionMedianMs, lang), mins(b.resolutionMedianMs, lang)),
          line('Satisfaction (CSAT)', csat(c.csatAverage), csat(b.csatAverage)),
        ];
  const top = r.categories.filter((x) => x.change > 0).slice(0, 3);
  const rising =
    top.length === 0
      ? []
      : lang === 'ja'
        ? ['', '増えている話題: ' + top.map((x) => `${categoryName(x.category).ja}（+${x.change}）`).join('、')]
        : ['', 'Rising topics: ' + top.map((x) => `${categoryName(x.category).en} (+${x.change})`).join(', ')];
  const period = `${r.fromDay} – ${r.toDay}`;
  return lang === 'ja'
    ? {
        subject: `【${workspace}】週間レポート ${period}`,
        text: [`${workspace} の先週（${period}）のまとめです。`, '', ...lines, ...rising, '', `レポート: ${url}`].join(
          '\n',
        ),
      }
    : {
        subject: `[${workspace}] Weekly report ${period}`,
        text: [`Last week at ${workspace} (${period}):`, '', ...lines, ...rising, '', `Reports: ${url}`].join('\n'),
      };
}

/**
 * One round: sends every workspace's summary that is due and not yet sent. Returns the number of mails sent.
 * Safe in several processes at once (the week is claimed before any mail goes out).
 */
export async function sendWeeklySummaries(
  deps: { db: Db; log: Logger; config: Pick<KoeConfig, 'mail' | 'publicUrl' | 'host' | 'port'> },
  now = new Date(),
): Promise<number> {
  if (!deps.config.mail.smtpUrl) return 0;
  let sent = 0;
  for (const w of await workspaces.all(deps.db)) {
    const settings = await deskSettings.get(deps.db, w.id);
    const week = dueWeek(now, settings.businessHours.timeZone);
    if (!week || !(await workspaces.claimWeeklySummary(deps.db, w.id, week, now.toISOString()))) continue;
    const report = await buildDeskReport(deps.db, w.id, { from: week, to: addDays(week, 6) }, now);
    const base = (deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`).replace(/\/+$/, '');
    const url = `${base}/reports?from=${week}&to=${addDays(week, 6)}`;
    const readers = (await agents.list(deps.db, w.id)).filter(
      (a) => a.active && (a.role === 'admin' || a.role === 'supervisor') && a.email,
    );
    let delivered = 0;
    for (const a of readers) {
      const mail = summaryText(report, w.name, url, langOf(a.locale));
      try {
        await sendPlainMail(deps.config.mail, { to: a.email, subject: mail.subject, text: mail.text });
        delivered++;
      } catch (err) {
        deps.log.warn({ err, agentId: a.id }, 'weekly summary not delivered');
      }
    }
    // Nothing delivered (the relay was down): the claim is given back, so a later round tries again.
    if (readers.length && !delivered) await workspaces.releaseWeeklySummary(deps.db, w.id, week);
    else await workspaces.recordWeeklySummary(deps.db, w.id, week, delivered);
    sent += delivered;
  }
  return sent;
}
