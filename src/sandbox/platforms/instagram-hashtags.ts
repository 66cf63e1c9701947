import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SandboxWorld } from '../world';

const PAGE_SIZE = 50;
const RECENT_MS = 24 * 3_600_000;

/** A hashtag's id, the same for every run (Instagram's are global and static). */
export const hashtagId = (name: string) =>
  `178${BigInt(`0x${createHash('sha256').update(name.toLowerCase()).digest('hex').slice(0, 12)}`)
    .toString()
    .padStart(14, '0')}`;

const tagsOf = (caption: string) => [...caption.toLowerCase().matchAll(/#([^\s#]+)/gu)].map((m) => m[1]);

/**
 * Instagram hashtag search as the Graph API offers it: `ig_hashtag_search` names a hashtag's id; `recent_media` lists
 * the media tagged with it in the last 24 hours, newest first, 50 a page, with an `after` cursor and no author.
 */
export function instagramHashtagRoutes(app: FastifyInstance, world: SandboxWorld): void {
  const account = world.accounts.meta;
  const error = (status: number, code: number, message: string) => ({
    status,
    body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AsandboxTrace' } },
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization !== `Bearer ${account.pageAccessToken}`) {
      const e = error(401, 190, 'Invalid OAuth access token.');
      return reply.status(e.status).send(e.body);
    }
  });

  app.get<{ Querystring: { user_id?: string; q?: string } }>('/:version/ig_hashtag_search', async (req, reply) => {
    if (req.query.user_id !== account.igAccountId) {
      const e = error(400, 100, 'user_id must be the Instagram account the token manages');
      return reply.status(e.status).send(e.body);
    }
    const name = (req.query.q ?? '').replace(/^#/, '').toLowerCase();
    if (!name || /\s/.test(name)) {
      const e = error(400, 100, 'Invalid hashtag');
      return reply.status(e.status).send(e.body);
    }
    return { data: [{ id: hashtagId(name) }] };
  });

  app.get<{ Params: { node: string }; Querystring: { user_id?: string; after?: string; limit?: string } }>(
    '/:version/:node/recent_media',
    async (req, reply) => {
      if (req.query.user_id !== account.igAccountId) {
        const e = error(400, 100, 'user_id must be the Instagram account the token manages');
        return reply.status(e.status).send(e.body);
      }
      const since = Date.now() - RECENT_MS;
      const tagged = world.igHashtagMedia
        .filter(
          (m) => Date.parse(m.timestamp) >= since && tagsOf(m.caption).some((t) => hashtagId(t) === req.params.node),
        )
        .reverse();
      const start = req.query.after ? Number(Buffer.from(req.query.after, 'base64url').toString()) || 0 : 0;
      const size = Math.min(PAGE_SIZE, Math.max(1, Number(req.query.limit) || 25));
      const slice = tagged.slice(start, start + size);
      const more = start + size < tagged.length;
      const after = Buffer.from(String(start + size)).toString('base64url');
      return {
        data: slice.map((m) => ({
          id: m.id,
          caption: m.caption,
          media_type: 'IMAGE',
          permalink: m.permalink,
          timestamp: m.timestamp.replace(/\.\d{3}Z$/, '+0000'),
        })),
        paging: { cursors: { after }, ...(more ? { next: `recent_media?after=${after}` } : {}) },
      };
    },
  );
}
