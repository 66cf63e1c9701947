import { z } from 'zod';
import { passwordField } from './security';
import { AGENT_LEVELS, PRESENCES, ROLES } from './values';

export const AgentLevelSchema = z.literal(AGENT_LEVELS);

export const AgentSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  level: AgentLevelSchema,
  skills: z.array(z.string()),
  active: z.boolean(),
  locale: z.string(),
  createdAt: z.string(),
  /** Open conversations at once (routing). */
  capacity: z.number().int(),
  presence: z.enum(PRESENCES),
  /** Two-factor sign-in is set up for this agent. */
  twoFactor: z.boolean(),
  /** Invited and not joined yet (no password until they set one through the invitation). */
  invitationPending: z.boolean(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const WorkspaceSchema = z.object({ id: z.string(), name: z.string() });
export type Workspace = z.infer<typeof WorkspaceSchema>;

const Skills = z.array(z.string().trim().min(1).max(40)).max(30);

/** POST /api/agents (admins). */
export const AgentCreateBody = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(100),
  displayName: z.string().trim().max(120).optional(),
  password: passwordField,
  role: z.enum(ROLES),
  level: AgentLevelSchema,
  skills: Skills.default([]),
});
export type AgentCreateInput = z.input<typeof AgentCreateBody>;

/** PATCH /api/agents/:id (admins): only what is given changes; `active: false` also signs the agent out everywhere. */
export const AgentPatchBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
  role: z.enum(ROLES).optional(),
  level: AgentLevelSchema.optional(),
  skills: Skills.optional(),
  active: z.boolean().optional(),
});
export type AgentPatchInput = z.input<typeof AgentPatchBody>;
