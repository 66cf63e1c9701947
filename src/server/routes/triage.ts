import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PHRASE_KEYS, PhrasesBody, PhrasesSchema, TriageSettingsSchema } from '../../contracts/triage';
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
  };
