import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMetaWebhook, type ParsedWebhook } from './parse';

const ids = { channelId: 'ch1', pageId: '448242228374517', igAccountId: '17841400000000001' };
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/meta', name), 'utf8')
      .replaceAll('<PAGE_ID>', ids.pageId)
      .replaceAll('<IG_ID>', ids.igAccountId)
      .replaceAll('<PSID>', '2561234567890123')
      .replaceAll('<IGSID>', '6543210987654321')
      .replaceAll('<USER_ID>', '1000123456789'),
  );

/** Parses as the channel of the body's own kind would. */
function parse(body: any, _ids = ids): ParsedWebhook {
  const r = parseMetaWebhook(body, _ids, body.object === 'instagram' ? 'instagram' : 'facebook');
  if ('invalid' in r) throw new Error(r.invalid);
  return r;
}

describe('parseMetaWebhook', () => {
  it('reads a Messenger DM as a private message keyed by mid', () => {
    const { events } = parse(fixture('messenger-dm.json'), ids);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      externalId: 'mid.1457764197618:41d102a3e1ae206a38',
      occurredAt: '2016-03-23T00:25:52.478Z',
      customer: { externalId: '2561234567890123' },
      text: '注文した商品がまだ届きません。hello, world!',
      meta: {
        visibility: 'private',
        platform: 'messenger',
        psid: '2561234567890123',
        mid: 'mid.1457764197618:41d102a3e1ae206a38',
      },
    });
  });

  it('skips echoes of the page’s own messages and comments', () => {
    expect(parse(fixture('messenger-echo.json'), ids).events).toEqual([]);
    expect(parse(fixture('page-own-comment.json'), ids).events).toEqual([]);
  });

  it('reads a Page comment as public with its comment, post and parent ids', () => {
    const [e] = parse(fixture('page-comment.json'), ids).events;
    expect(e).toMatchObject({
      externalId: '122131676912594941_1213590066982748',
      customer: { externalId: '1000123456789', name: '佐藤 健' },
      meta: {
        visibility: 'public',
        platform: 'facebook',
        commentId: '122131676912594941_1213590066982748',
        postId: '448242228374517_122131676912594941',
        parentId: '448242228374517_122131676912594941',
      },
    });
    expect(e.occurredAt).toBe(new Date(1742667604 * 1000).toISOString());
  });

  it('ignores edits and removals of comments', () => {
    const body = fixture('page-comment.json');
    body.entry[0].changes[0].value.verb = 'edited';
    expect(parse(body)).toMatchObject({ events: [], ignored: [expect.stringContaining('edited')] });
  });

  it('reads Instagram DMs and comments', () => {
    const [dm] = parse(fixture('instagram-dm.json'), ids).events;
    expect(dm.meta).toMatchObject({ visibility: 'private', platform: 'instagram', igsid: '6543210987654321' });
    const [c] = parse(fixture('instagram-comment.json'), ids).events;
    expect(c).toMatchObject({
      externalId: '17865799348089039',
      customer: { externalId: '6543210987654321', name: 'hana_k', handle: 'hana_k' },
      meta: {
        visibility: 'public',
        platform: 'instagram',
        commentId: '17865799348089039',
        mediaId: '17887498072083520',
      },
    });
  });

  it('lists unknown fields as ignored instead of failing', () => {
    expect(parse(fixture('unknown-field.json'), ids)).toEqual({
      events: [],
      quickReplies: new Map(),
      ignored: ['field ratings'],
      rejected: [],
    });
  });

  it('refuses a body sent to the other kind of channel, and parks unreadable parts while reading the rest', () => {
    expect(parseMetaWebhook(fixture('messenger-dm.json'), ids, 'instagram')).toEqual({
      invalid: expect.stringContaining('"page" was posted to a instagram channel'),
    });
    expect(parseMetaWebhook({ object: 'page', entry: 'x' }, ids, 'facebook')).toEqual({
      invalid: expect.stringContaining('entry'),
    });
    const body = fixture('messenger-dm.json');
    const good = body.entry[0].messaging[0];
    body.entry.unshift(null);
    body.entry[1].messaging.unshift(
      null,
      { ...good, message: { ...good.message, mid: { $gt: '' } } },
      { ...good, message: { ...good.message, mid: 'm_ok', attachments: 'not a list' } },
    );
    const r = parse(body);
    expect(r.events.map((e) => e.externalId)).toEqual([good.message.mid]);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      expect.stringContaining('not a Meta entry'),
      expect.stringContaining('not a Meta messaging event'),
      expect.stringContaining('message.mid'),
      expect.stringContaining('message.attachments'),
    ]);
  });

  it('reads a tapped quick reply as a message with its payload, on Messenger and Instagram', () => {
    const fb = parse(fixture('messenger-quick-reply.json'));
    expect(fb.events).toHaveLength(1);
    expect(fb.events[0]).toMatchObject({ text: '4', customer: { externalId: '2561234567890123' } });
    expect([...fb.quickReplies]).toEqual([
      [fb.events[0].externalId, 'koe-survey:3f2a9c1e-77aa-4b1c-9d00-1234567890ab:4'],
    ]);
    const ig = parse(fixture('instagram-quick-reply.json'));
    expect(ig.events[0]).toMatchObject({ text: '5', customer: { externalId: '6543210987654321' } });
    expect(ig.quickReplies.get(ig.events[0].externalId)).toBe('koe-survey:3f2a9c1e-77aa-4b1c-9d00-1234567890ab:5');
    // A plain DM is no tap.
    expect(parse(fixture('messenger-dm.json')).quickReplies.size).toBe(0);
  });

  it('takes a numeric payload as text, and parks one it cannot read', () => {
    const body = fixture('messenger-quick-reply.json');
    body.entry[0].messaging[0].message.quick_reply.payload = 42;
    const r = parse(body);
    expect(r.quickReplies.get(r.events[0].externalId)).toBe('42');
    for (const payload of ['x'.repeat(1001), { $ne: '' }]) {
      const bad = fixture('messenger-quick-reply.json');
      bad.entry[0].messaging[0].message.quick_reply.payload = payload;
      const p = parse(bad);
      expect(p.events).toEqual([]);
      expect(p.rejected.map((x) => x.reason)).toEqual([expect.stringContaining('message.quick_reply.payload')]);
    }
  });

  it('keeps the order of several messages in one delivery', () => {
    const body = fixture('messenger-dm.json');
    const first = body.entry[0].messaging[0];
    body.entry[0].messaging.push({ ...first, timestamp: first.timestamp + 1, message: { mid: 'm_2', text: 'second' } });
    expect(parse(body).events.map((e) => e.externalId)).toEqual([first.message.mid, 'm_2']);
  });
});
