import { z } from 'zod';
import { AgentCreateBody, AgentSchema } from './agents';
import { passwordField } from './security';

/** POST /api/agents/invitations (admins): the agent sets their own password through the link. */
export const AgentInviteBody = AgentCreateBody.omit({ password: true });

/** A one-time account link: emailed when the desk can send mail, and always shown to the admin who made it. */
export const AccountLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
  emailed: z.boolean(),
});
export type AccountLink = z.infer<typeof AccountLinkSchema>;

export const InvitationResultSchema = z.object({ agent: AgentSchema, link: AccountLinkSchema });

/** POST /api/agents/:id/account-link (admins): a new invitation for an agent who has not joined, else a reset link. */
export const AccountLinkResultSchema = z.object({
  kind: z.enum(['invitation', 'password_reset']),
  link: AccountLinkSchema,
});

export const LinkTokenParams = z.object({ token: z.string().min(16).max(200) });

/** GET /api/auth/links/:token: what the link is for, to greet its holder. */
export const AccountLinkInfoSchema = z.object({
  kind: z.enum(['invitation', 'password_reset']),
  email: z.string(),
  name: z.string(),
  workspaceName: z.string(),
  expiresAt: z.string(),
});

export const RedeemLinkBody = z.object({ password: passwordField });
export const RedeemLinkResultSchema = z.object({ email: z.string() });

export const PasswordResetRequestBody = z.object({ email: z.string().trim().min(3).max(200) });
/** Always the same answer, whether or not the address has an account; `emailConfigured` tells the page what to say. */
export const PasswordResetRequestResultSchema = z.object({ emailConfigured: z.boolean() });

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordField,
});
