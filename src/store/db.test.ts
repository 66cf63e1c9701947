import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { keepingStatements } from './db';

describe('kept SQLite statements', () => {
  it('prepares a statement once, keeps the most recently used, and follows schema changes', () => {
    const sqlite = new SQLite(':memory:');
    const db = keepingStatements(sqlite, 2);
    db.prepare('create table t (a integer)').run([]);
    const insert = db.prepare('insert into t (a) values (?)');
    expect(db.prepare('insert into t (a) values (?)')).toBe(insert);
    insert.run([1]);
    const select = db.prepare('select * from t');
    expect(select.all([])).toEqual([{ a: 1 }]);
    // A column added after the statement was prepared: SQLite prepares it again by itself.
    db.prepare('alter table t add column b text').run([]);
    expect(db.prepare('select * from t')).toBe(select);
    expect(select.all([])).toEqual([{ a: 1, b: null }]);
    // Two kept at most: the least recently used (the insert) was dropped and is prepared anew.
    expect(db.prepare('insert into t (a) values (?)')).not.toBe(insert);
    db.close();
  });
});
