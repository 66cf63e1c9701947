import { describe, expect, it } from 'vitest';
import { parseSearch } from '../sandbox/platforms/x';
import { cleanTerms, excluded, hashtagName, matchesTerms, xSearchExpression } from './terms';

describe('listening terms', () => {
  it('builds an X search expression: any term, phrases quoted, exclusions negated, no reposts', () => {
    expect(xSearchExpression(['Koe Mart', '#Koeマート', 'コエマート'], ['求人', 'job offer'])).toBe(
      '("Koe Mart" OR #Koeマート OR コエマート) -求人 -"job offer" -is:retweet',
    );
    expect(xSearchExpression(['KoeMart'], [])).toBe('KoeMart -is:retweet');
  });

  it('drops quotes inside terms and duplicates that differ only in width or case', () => {
    expect(xSearchExpression(['say "hi"', 'ＫｏｅＭａｒｔ', 'koemart'], [])).toBe(
      '("say hi" OR ＫｏｅＭａｒｔ) -is:retweet',
    );
    expect(cleanTerms(['  a  b ', '', 'A B', 'c'])).toEqual(['a b', 'c']);
  });

  it('names a hashtag the way Instagram searches it', () => {
    expect(hashtagName('#Koeマート')).toBe('koeマート');
    expect(hashtagName('##Koe Mart')).toBe('koemart');
  });

  it('matches hashtags as tags and words as whole Latin words', () => {
    expect(matchesTerms('今日も #KOEマート で買い物', ['#koeマート'])).toBe(true);
    expect(matchesTerms('koeマートで買い物', ['#koeマート'])).toBe(false);
    expect(matchesTerms('KoeMart delivered late', ['koemart'])).toBe(true);
    expect(matchesTerms('koemarts are a thing', ['koemart'])).toBe(false);
  });

  it('excludes posts naming an exclusion', () => {
    expect(excluded('KoeMart 求人 募集中', ['求人'])).toBe(true);
    expect(excluded('KoeMart の配達が遅い', ['求人'])).toBe(false);
  });
});

describe('listening terms: hashtags and words', () => {
  it('keeps a hashtag and the same bare word as two terms, and reads a full-width ＃', () => {
    expect(cleanTerms(['KoeMart', '#KoeMart', '＃koemart'])).toEqual(['KoeMart', '#KoeMart']);
    expect(hashtagName('＃Koeマート')).toBe('koeマート');
  });
});

describe('listening terms: what X reads as syntax is quoted', () => {
  it('quotes brackets, colons, a leading minus and OR, so they stay words', () => {
    expect(xSearchExpression(['Koe(Mart)', '12:00セール', '-KoeMart', 'OR'], [])).toBe(
      '("Koe(Mart)" OR "12:00セール" OR "-KoeMart" OR "OR") -is:retweet',
    );
  });

  it('reads back, through the sandbox search, as the terms and exclusions written', () => {
    const terms = ['Koe Mart', '#Koeマート', 'Koe(Mart)', '12:00セール', 'OR', '-neg'];
    const exclusions = ['求人', 'job offer', 'a:b'];
    expect(parseSearch(xSearchExpression(terms, exclusions))).toEqual({
      any: terms.map((t) => t.toLowerCase()),
      none: exclusions,
    });
  });
});
