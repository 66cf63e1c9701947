import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HelpCenterSettingsSchema, HelpCenterSettingsUpdate } from '../../contracts/help-center';
import { helpCenterSettings, updateHelpCenterSettings } from '../../desk/help-center';
import { authOf, guard } from '../auth';
import type { Koe } from '../context';
import { baseUrl } from './channels';

const TAGS = ['knowledge base'];

/** The public help center's settings (on/off, address, brand name and colour): admins only. */
export const helpCenterRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/kb/help-center',
      {
        preHandler: guard('admin'),
        schema: {
          tags: TAGS,
          summary: 'The public help center’s settings and address',
          response: { 200: HelpCenterSettingsSchema },
        },
      },
      async (req) => helpCenterSettings(koe.db, authOf(req).actor.workspaceId, baseUrl(koe, req)),
    );

    app.patch(
      '/api/kb/help-center',
      {
        preHandler: guard('admin'),
        schema: {
          tags: TAGS,
          summary: 'Change the help center: on/off, address (slug), brand name, accent colour (#rrggbb)',
          body: HelpCenterSettingsUpdate,
          response: { 200: HelpCenterSettingsSchema },
        },
      },
      async (req) => updateHelpCenterSettings(koe.db, authOf(req).actor, req.body, baseUrl(koe, req)),
    );
  };
