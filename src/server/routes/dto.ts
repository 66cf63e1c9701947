import { z } from 'zod';
import type { Agent } from '../../store/repositories';

export const AgentSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'supervisor', 'agent']),
  level: z.number().int(),
  skills: z.array(z.string()),
  active: z.boolean(),
  locale: z.string(),
  createdAt: z.string(),
  capacity: z.number().int(),
  presence: z.enum(['online', 'away', 'offline']),
  /** Two-factor sign-in is set up for this agent. */
  twoFactor: z.boolean(),
});

export const toAgentDto = (a: Agent) => ({
  id: a.id,
  email: a.email,
  name: a.name,
  displayName: a.displayName,
  role: a.role,
  level: a.level,
  skills: a.skills,
  active: a.active,
  locale: a.locale,
  createdAt: a.createdAt,
  capacity: a.capacity,
  presence: a.presence,
  twoFactor: a.totpEnabled,
});

export const IdParams = z.object({ id: z.string().min(1).max(100) });
