import { z } from 'zod';
import { AMPLIFY_ACTIONS } from './values';

export const AmplifyBody = z.object({ action: z.enum(AMPLIFY_ACTIONS) });
/** Done on the platform; `externalId` is the platform's id of the repost, where it makes one. */
export const AmplifySchema = z.object({ action: z.enum(AMPLIFY_ACTIONS), externalId: z.string().nullable() });
