import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BrandsBody,
  PHRASE_KEYS,
  PhrasesBody,
  PhrasesSchema,
  TriageSettingsSchema,
  type BrandProfile,
} from '../../contracts/triage';
import { DomainError } from '../../domain/errors';
import { audit, triageSettings, byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';

export const triageRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/triage/settings',
      {
        preHandler: guard(),
        schema: {
          tags: ['triage'],
          summary: "Workspace phrases and the learned model's size",
          response: { 200: TriageSettingsSchema },
        },
      },
      async (req) => {
        const s = await triageSettings.get(koe.db, authOf(req).agent.workspaceId);
        const examples = (s.model as { examples?: number } | null)?.examples ?? 0;
        return {
          phrases: s.phrases,
          phraseKeys: [...PHRASE_KEYS],
          brands: s.brands,
          corrections: s.corrections,
          learnedExamples: examples,
          updatedAt: s.updatedAt,
        };
      },
    );

    app.put(
      '/api/triage/phrases',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['triage'],
          summary: "Replace the workspace's own phrases per category (take effect on the next message)",
          body: PhrasesBody,
          response: { 200: PhrasesSchema },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const phrases = Object.fromEntries(
          Object.entries(req.body.phrases).map(([k, v]) => [k, [...new Set(v ?? [])]]),
        );
        await koe.triage.setPhrases(actor.workspaceId, phrases);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'triage.phrases_updated',
          detail: { counts: Object.fromEntries(Object.entries(phrases).map(([k, v]) => [k, v.length])) },
        });
        return { phrases };
      },
    );

    app.put(
      '/api/triage/brands',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['triage'],
          summary:
            "Replace the workspace's brand profile: its brands, products and hashtags, and its competitors (take effect on the next message)",
          body: BrandsBody,
          response: { 200: BrandsBody },
        },
      },
      async (req) => {
        const { actor } = authOf(req);
        const unique = (l: string[]) => [...new Set(l.map((x) => x.trim()))];
        const brands: BrandProfile = {
          brands: unique(req.body.brands.brands),
          products: unique(req.body.brands.products),
          hashtags: unique(req.body.brands.hashtags).map((t) =>
            t.startsWith('#') || t.startsWith('＃') ? t : `#${t}`,
          ),
          competitors: unique(req.body.brands.competitors),
        };
        // A name cannot be both ours and a competitor's: whose issue a post reports would be undecidable.
        const ours = new Set([...brands.brands, ...brands.products].map((n) => n.normalize('NFKC').toLowerCase()));
        const both = brands.competitors.filter((n) => ours.has(n.normalize('NFKC').toLowerCase()));
        if (both.length > 0)
          throw new DomainError(
            'validation',
            `competitors: also listed as our brand or product: ${both.join(', ')}`,
            [{ path: 'brands.competitors', message: `also listed as our brand or product: ${both.join(', ')}` }],
            'brand_is_competitor',
          );
        await koe.triage.setBrands(actor.workspaceId, brands);
        await audit.log(koe.db, {
          workspaceId: actor.workspaceId,
          actor: byAgent(actor),
          action: 'triage.brands_updated',
          detail: {
            brands: brands.brands.length,
            products: brands.products.length,
            hashtags: brands.hashtags.length,
            competitors: brands.competitors.length,
          },
        });
        return { brands };
      },
    );
  };
