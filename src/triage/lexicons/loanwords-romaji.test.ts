// Pass-4 mechanisms: quoted/retweeted text, a device as the subject of a
// failure, a failure told as the cause of a charge, one-phrase-per-line posts,
// concessive politeness, hearsay and other companies, romaji "no".
import { describe, expect, it } from 'vitest';
import { analyse } from '../index';
import { joinFragmentedLines, normalise } from '../normalise';
import { quotedSpans } from '../rules';

const cats = (text: string) => analyse({ text }).categories;

describe('quoted and retweeted text', () => {
  it('finds RT and reply-quote lines unless the author affirms them', () => {
    const t = normalise('RT @news: 他のお店でシステム障害\nへえ').text;
    expect(quotedSpans(t)).toHaveLength(1);
    expect(quotedSpans(normalise('> 返金は完了しました\nまだ入ってないけど？').text)).toHaveLength(1);
    expect(quotedSpans(normalise('RT @koe: ただいまログインできない不具合が発生中\n私もです').text)).toEqual([]);
  });

  it('does not count issues that only appear in the quoted line', () => {
    expect(cats('RT @daily: Big outage at another bank tonight, app totally down\nwow')).toEqual([]);
    expect(cats('RT @koe: ただいまアプリにログインできない障害が発生しています\nうちも朝から開けない')).toContain(
      'outage',
    );
  });

  it("keeps the author's own issue after a quoted company reply", () => {
    const r = analyse({ text: '> 返金処理が完了しました\nって言われたけど、カードに返金されてない' });
    expect(r.categories).toEqual(['billing_error']);
  });
});

describe('a device as the subject of a failure', () => {
  it('turns a generic failure verb into a defect when a device, not a service, fails', () => {
    expect(cats('買ったばかりの掃除機が、3日で使えなくなった')).toEqual(['defect']);
    expect(cats("My new earbud stopped working, the right one doesn't work at all")).toEqual(['defect']);
  });

  it('keeps outages of apps and networks', () => {
    expect(cats('アプリが使えない')).toEqual(['outage']);
    expect(cats('スマホでアプリが開かない')).toEqual(['outage']);
  });

  it('drops the failure verb when the sentence reports a hazard', () => {
    expect(cats('ヒーターから焦げ臭いにおいがして怖くて使えない')).toEqual(['safety']);
  });
});

describe('a failure told as the cause of a charge', () => {
  it('is context, not a second issue', () => {
    const r = analyse({ text: 'アプリが固まって何回も押したら、二重に引き落とされてた' });
    expect(r.categories).toEqual(['billing_error']);
    expect(r.reasons.some((x) => x.code === 'context')).toBe(true);
  });

  it('keeps two issues told side by side', () => {
    expect(cats('アプリは落ちまくるし、二重に引き落とされてるし')).toEqual(['billing_error', 'outage']);
  });
});

describe('one phrase per line', () => {
  it('joins short lines into one sentence', () => {
    expect(joinFragmentedLines('解約\nしたのに\n\n今月も\n請求\nきた')).toBe('解約したのに今月も請求きた');
    expect(joinFragmentedLines('the app\njust\nlogged me\nout')).toBe('the app just logged me out');
    const prose = '昨日注文した商品が届きました。\nありがとうございます。\nまた利用します。';
    expect(joinFragmentedLines(prose)).toBe(prose);
  });

  it('lets phrases and frames span the lines', () => {
    expect(cats('退会\nしたのに\n\nまた\n\n引き落とし\nされた')).toEqual(['billing_error']);
  });
});

describe('sentiment and scope', () => {
  it('counts kind words before a reported issue for half (concession)', () => {
    expect(analyse({ text: '接客は丁寧でよかったけど、届いたお皿が割れてました' }).sentiment).toBe('negative');
  });

  it("treats hearsay and other companies as not the author's issue", () => {
    expect(cats('隣の家のネット、しょっちゅう落ちるらしい')).toEqual([]);
    expect(cats('他社のアプリでまた障害だって')).toEqual([]);
  });

  it('reads romaji "no" as a particle unless it directly precedes a word', () => {
    expect(analyse({ text: 'kono mise no pasta maji oishii' }).sentiment).toBe('positive');
    expect(cats('no refund yet, been two weeks')).toEqual(['billing_error']);
  });

  it('does not read honorific past (くださいました) as a request or symptoms (訴え) as a threat', () => {
    expect(cats('店員さんが荷物を運んでくださいました。ありがたいことです')).toEqual(['praise']);
    expect(cats('食べた後に家族が腹痛を訴えています')).toEqual(['safety']);
  });
});
