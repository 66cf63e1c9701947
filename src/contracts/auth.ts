import { z } from 'zod';
import { AgentSchema, WorkspaceSchema } from './agents';
import { passwordField, PasswordSignInSchema } from './security';

export { passwordField } from './security';

/** `/healthz`: the process is alive and answers (liveness; dependencies are `/readyz`'s). */
export const HealthSchema = z.object({ status: z.literal('ok') });
/** `/readyz`: 200 with status ready, or 503 with what is not (a check's name → ok / failed; draining on shutdown). */
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not ready']),
  draining: z.boolean(),
  checks: z.record(z.string(), z.enum(['ok', 'failed'])),
});

// ---------------------------------------------------------------------------------------------------------------
// Setup: the workspace and its first admin, once

export const SetupStatusSchema = z.object({
  /** No workspace yet: the web app shows the setup page. */
  needsSetup: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SetupBody = z.object({
  workspaceName: z.string().trim().min(1).max(100),
  adminEmail: z.email().max(200),
  adminPassword: passwordField,
  adminName: z.string().trim().min(1).max(100),
});
export type SetupInput = z.input<typeof SetupBody>;

export const SetupResultSchema = z.object({ workspace: WorkspaceSchema, agent: AgentSchema });
export type SetupResult = z.infer<typeof SetupResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Signing in

/** How this desk signs people in (for the sign-in page, before anyone is signed in). */
export const AuthOptionsSchema = z.object({
  /** Single sign-on is on and configured; `label` is the button's text (empty = a default). */
  sso: z.object({ enabled: z.boolean(), label: z.string() }),
  passwordSignIn: PasswordSignInSchema,
});
export type AuthOptions = z.infer<typeof AuthOptionsSchema>;

export const LoginBody = z.object({ email: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) });
export type LoginInput = z.input<typeof LoginBody>;

/** Signed in: the session and CSRF cookies are set. */
export const SignedInSchema = z.object({
  agent: AgentSchema,
  /** The workspace requires two-factor sign-in for this role and it is not set up yet: only its set-up is open. */
  twoFactorSetupRequired: z.boolean(),
});
export type SignedIn = z.infer<typeof SignedInSchema>;

/** The password was right; a code from the authenticator app (or a recovery code) is needed next. */
export const TwoFactorChallengeSchema = z.object({
  twoFactor: z.object({
    /** Short-lived; answer it at POST /api/auth/login/two-factor. */
    challenge: z.string(),
    expiresAt: z.string(),
  }),
});
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallengeSchema>;

/** Signed in, or asked for the second factor. */
export const LoginResultSchema = z.union([SignedInSchema, TwoFactorChallengeSchema]);
export type LoginResult = z.infer<typeof LoginResultSchema>;

export const TwoFactorLoginBody = z.object({
  challenge: z.string().min(10).max(100),
  code: z.string().trim().min(6).max(20),
});
export type TwoFactorLoginInput = z.input<typeof TwoFactorLoginBody>;

export const SsoStartQuery = z.object({
  /** Where to go in the web app once signed in (a path on this desk). */
  next: z.string().max(2000).optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// The signed-in agent

export const MeSchema = z.object({
  agent: AgentSchema,
  workspace: WorkspaceSchema,
  /** Signed in by password, but the workspace requires two-factor sign-in for this role and it is not set up. */
  twoFactorSetupRequired: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

export const LOCALES = ['ja', 'en'] as const;
export const MePatchBody = z.object({ locale: z.enum(LOCALES).optional() });
export type MePatch = z.input<typeof MePatchBody>;
export const MePatchResultSchema = z.object({ agent: AgentSchema });
