import { describe, expect, it } from 'vitest';
import { incidentReply, matchesIncident } from './incident';

describe('matchesIncident', () => {
  const outage = { categories: ['outage'], keywords: [] };
  it('matches on any shared category when there are no keywords', () => {
    expect(matchesIncident(outage, { categories: ['outage', 'billing_error'], text: 'アプリが落ちてる' })).toBe(true);
    expect(matchesIncident(outage, { categories: ['defect'], text: 'アプリが落ちてる' })).toBe(false);
  });
  it('needs one keyword when keywords are given, ignoring case and full-width letters', () => {
    const app = { categories: ['outage'], keywords: ['ＫｏｅＭａｒｔアプリ', 'app'] };
    expect(matchesIncident(app, { categories: ['outage'], text: 'koemartアプリにログインできない' })).toBe(true);
    expect(matchesIncident(app, { categories: ['outage'], text: 'The APP is down' })).toBe(true);
    expect(matchesIncident(app, { categories: ['outage'], text: '店舗のレジが止まってる' })).toBe(false);
  });
});

describe('incidentReply', () => {
  const texts = {
    ackJa: 'ご不便をおかけし申し訳ございません。現在障害を調査中です。',
    ackEn: 'Sorry for the trouble. We are investigating an outage.',
  };
  it('addresses the customer by name in their language', () => {
    expect(incidentReply(texts, { name: '佐藤', lang: 'ja' })).toBe(
      '佐藤さん、ご不便をおかけし申し訳ございません。現在障害を調査中です。',
    );
    expect(incidentReply(texts, { name: 'Alex', lang: 'en' })).toBe(
      'Hi Alex — Sorry for the trouble. We are investigating an outage.',
    );
  });
  it('falls back to the other language when one text is empty, and to no greeting without a name', () => {
    expect(incidentReply({ ackJa: '', ackEn: 'We are on it.' }, { name: null, lang: 'ja' })).toBe('We are on it.');
  });
});
