import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eraseCustomer, retentionSettings } from '../../desk/data-retention';
import { byAgent } from '../../store/repositories';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { IdParams } from '../../contracts/common';
import { ErasureResultSchema, RetentionSettingsInput, RetentionSettingsSchema } from '../../contracts/retention';

/** Privacy (admins): how long customers' messages are kept, and erasing one customer on request. */
export const privacyRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/retention',
      {
        preHandler: guard('admin'),
        schema: { tags: ['privacy'], summary: 'Data retention setting', response: { 200: RetentionSettingsSchema } },
      },
      async (req) => retentionSettings.get(koe.db, authOf(req).agent.workspaceId),
    );

    app.put(
      '/api/admin/retention',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['privacy'],
          summary: 'Remove customers’ messages after N days (null: keep them)',
          body: RetentionSettingsInput,
          response: { 200: RetentionSettingsSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        await retentionSettings.save(koe.db, agent.workspaceId, req.body, byAgent(agent));
        return retentionSettings.get(koe.db, agent.workspaceId);
      },
    );

    app.post(
      '/api/customers/:id/erase',
      {
        preHandler: guard('admin'),
        schema: {
          tags: ['privacy'],
          summary: 'Erase a customer’s personal data (a privacy request); conversations stay for reports',
          params: IdParams,
          response: { 200: ErasureResultSchema },
        },
      },
      async (req) => {
        const { agent } = authOf(req);
        return eraseCustomer(koe.db, {
          workspaceId: agent.workspaceId,
          customerId: req.params.id,
          actor: byAgent(agent),
        });
      },
    );
  };
