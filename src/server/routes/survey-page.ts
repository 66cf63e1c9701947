import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerSurvey, surveyIdOf, surveyView, type SurveyView } from '../../desk/satisfaction';
import { DomainError } from '../../domain/errors';
import { surveys } from '../../store/repositories';
import type { Koe } from '../context';
import { withoutCsrf } from '../route-table';

// The one-question page a customer opens from the link Koe sends on X, email, LINE or Messenger: no sign-in, no
// script; the token in the address (survey id + HMAC) is the only key. A plain HTML form, so it works everywhere.

const TEXT = {
  ja: {
    title: 'アンケート',
    low: '不満',
    high: '満足',
    npsLow: 'すすめない',
    npsHigh: 'ぜひすすめたい',
    comment: 'ご意見（任意）',
    send: '送信する',
    update: '回答を修正する',
    closed: 'このアンケートの受付は終了しました。',
    missing: 'このリンクは無効です。',
    pick: '点数を選んでください。',
  },
  en: {
    title: 'Survey',
    low: 'Poor',
    high: 'Great',
    npsLow: 'Not likely',
    npsHigh: 'Very likely',
    comment: 'Comments (optional)',
    send: 'Send',
    update: 'Change my answer',
    closed: 'This survey has closed.',
    missing: 'This link is not valid.',
    pick: 'Please choose a score.',
  },
};

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(lang: 'ja' | 'en', body: string): string {
  const t = TEXT[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<style>
body{font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
main{max-width:520px;margin:40px auto;padding:24px;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:18px;line-height:1.5;margin:0 0 20px}
.scale{display:flex;gap:6px;flex-wrap:wrap}
.scale label{flex:1 0 36px;text-align:center}
.scale input{position:absolute;opacity:0}
.scale span{display:block;padding:10px 0;border:1px solid #c9ced6;border-radius:8px;font-weight:600;cursor:pointer}
.scale input:checked+span{background:#0f9d7a;border-color:#0f9d7a;color:#fff}
.scale input:focus-visible+span{outline:2px solid #1c7ed6;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:12px;color:#5c6370;margin:6px 0 18px}
textarea{width:100%;box-sizing:border-box;min-height:90px;border:1px solid #c9ced6;border-radius:8px;padding:8px;font:inherit}
button{margin-top:14px;width:100%;padding:12px;border:0;border-radius:8px;background:#0f9d7a;color:#fff;font-size:16px;font-weight:600;cursor:pointer}
.note{color:#5c6370;font-size:14px}.error{color:#c92a2a;font-size:14px}
</style></head><body><main>${body}</main></body></html>`;
}

function form(token: string, s: SurveyView, lang: 'ja' | 'en', error?: string): string {
  const t = TEXT[lang];
  const [min, max] = s.kind === 'nps' ? [0, 10] : [1, 5];
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i)
    .map(
      (n) =>
        `<label><input type="radio" name="score" value="${n}"${s.score === n ? ' checked' : ''} required><span>${n}</span></label>`,
    )
    .join('');
  return page(
    lang,
    `<h1>${escape(s.question)}</h1>
${s.score !== null ? `<p class="note">${escape(s.thanks)}</p>` : ''}
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/rate/${escape(token)}">
<div class="scale" role="radiogroup">${scores}</div>
<div class="ends"><span>${s.kind === 'nps' ? t.npsLow : t.low}</span><span>${s.kind === 'nps' ? t.npsHigh : t.high}</span></div>
<label for="comment">${t.comment}</label>
<textarea id="comment" name="comment" maxlength="2000">${escape(s.comment ?? '')}</textarea>
<button type="submit">${s.score === null ? t.send : t.update}</button>
</form>`,
  );
}

const Params = z.object({ token: z.string().min(1).max(300) });
const FormBody = z.object({ score: z.string().max(3).optional(), comment: z.string().max(4000).optional() });

export const surveyPageRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    withoutCsrf(app as unknown as FastifyInstance);
    // Only this scope reads HTML forms.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    const load = async (token: string) => {
      const id = surveyIdOf(koe.config.secretKey, token);
      const s = id ? await surveys.get(koe.db, id) : undefined;
      return s
        ? { s, view: await surveyView(koe.db, s), lang: s.language === 'en' ? ('en' as const) : ('ja' as const) }
        : null;
    };
    const html = (reply: FastifyReply, status: number, body: string) =>
      reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    const missing = (reply: FastifyReply) =>
      html(reply, 404, page('ja', `<p>${TEXT.ja.missing}<br>${TEXT.en.missing}</p>`));

    app.get('/rate/:token', { schema: { hide: true, params: Params } }, async (req, reply) => {
      const found = await load(req.params.token);
      if (!found) return missing(reply);
      if (!found.view.open) return html(reply, 410, page(found.lang, `<p>${TEXT[found.lang].closed}</p>`));
      return html(reply, 200, form(req.params.token, found.view, found.lang));
    });

    app.post(
      '/rate/:token',
      {
        config: {
          rateLimit: { max: 20, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `rate|${req.ip}` },
        },
        schema: { hide: true, params: Params, body: FormBody },
      },
      async (req, reply) => {
        const found = await load(req.params.token);
        if (!found) return missing(reply);
        const t = TEXT[found.lang];
        if (!found.view.open) return html(reply, 410, page(found.lang, `<p>${t.closed}</p>`));
        const score = Number(req.body.score);
        if (req.body.score === undefined || req.body.score === '' || !Number.isInteger(score))
          return html(reply, 400, form(req.params.token, found.view, found.lang, t.pick));
        try {
          const view = await answerSurvey(koe, found.s.id, score, req.body.comment ?? null);
          return html(reply, 200, form(req.params.token, view, found.lang));
        } catch (err) {
          if (err instanceof DomainError && err.kind === 'validation')
            return html(reply, 400, form(req.params.token, found.view, found.lang, t.pick));
          throw err;
        }
      },
    );
  };
