// `koe triage [file] [--explain]`: JSON Lines in, one JSON line (or a readable
// table with --explain) out. Works without a server or database.
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { analyse } from './index';
import type { Lang, TriageContext, TriageResult } from './types';

const USAGE = `usage: koe triage [file] [--explain]
  Reads JSON Lines {"id","text","lang"?,"context"?} from file or stdin and writes
  {"id","sentiment","sentimentScore","categories","level","priority","reasons"} per line.
  --explain  print a readable table with the reasons instead of JSON`;

interface InputPost {
  id: string | number;
  text: string;
  lang?: Lang;
  context?: TriageContext;
}

function parseLine(line: string): InputPost {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('invalid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' && typeof v.id !== 'number') throw new Error('"id" must be a string or number');
  if (typeof v.text !== 'string') throw new Error('"text" must be a string');
  if (v.lang !== undefined && v.lang !== 'ja' && v.lang !== 'en') throw new Error('"lang" must be "ja" or "en"');
  if (v.context !== undefined && (typeof v.context !== 'object' || v.context === null || Array.isArray(v.context))) {
    throw new Error('"context" must be an object');
  }
  return { id: v.id, text: v.text, lang: v.lang as Lang | undefined, context: v.context as TriageContext | undefined };
}

/** The script contract: exactly these keys, in this order. */
function contractLine(id: string | number, r: TriageResult): string {
  return JSON.stringify({
    id,
    sentiment: r.sentiment,
    sentimentScore: r.sentimentScore,
    categories: r.categories,
    level: r.level,
    priority: r.priority,
    reasons: r.reasons,
  });
}

function explainBlock(id: string | number, text: string, r: TriageResult): string {
  const flags = [r.flags.spam ? 'SPAM' : '', r.flags.troll ? 'TROLL' : ''].filter(Boolean).join(' ');
  const head =
    `${String(id).padEnd(10)} L${r.level}  P${String(r.priority).padStart(3)}  ` +
    `${r.sentiment}(${r.sentimentScore})  ${r.categories.join(',') || '-'}${flags ? '  ' + flags : ''}`;
  const snippet = text.length > 70 ? `${text.slice(0, 70)}…` : text;
  const reasons = r.reasons.map((x) => `    ${x.kind.padEnd(9)} ${x.code.padEnd(16)} ${x.message}`);
  return [head, `    "${snippet.replace(/\n/g, ' ')}"`, ...reasons, ''].join('\n');
}

async function write(output: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!output.write(chunk)) await once(output, 'drain');
}

export async function runTriageCli(
  args: string[],
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const explain = args.includes('--explain');
  if (args.includes('--help') || args.includes('-h')) {
    await write(output, `${USAGE}\n`);
    return 0;
  }
  const unknown = args.find((a) => a.startsWith('-') && a !== '--explain' && a !== '-');
  if (unknown) {
    await write(output, `${JSON.stringify({ id: null, error: `unknown option ${unknown}` })}\n`);
    return 1;
  }
  const file = args.find((a) => !a.startsWith('-'));
  let source: NodeJS.ReadableStream = input;
  if (file) {
    const stream = createReadStream(file, { encoding: 'utf8' });
    try {
      await once(stream, 'open');
    } catch (err) {
      await write(output, `${JSON.stringify({ id: null, error: `cannot read ${file}: ${(err as Error).message}` })}\n`);
      return 1;
    }
    source = stream;
  }

  let errors = 0;
  let lineNo = 0;
  const lines = createInterface({ input: source as Readable, crlfDelay: Infinity });
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    let post: InputPost;
    try {
      post = parseLine(line);
    } catch (err) {
      errors++;
      await write(output, `${JSON.stringify({ id: null, error: `line ${lineNo}: ${(err as Error).message}` })}\n`);
      continue;
    }
    const result = analyse({ text: post.text, lang: post.lang, context: post.context });
    await write(
      output,
      explain ? `${explainBlock(post.id, post.text, result)}\n` : `${contractLine(post.id, result)}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}
