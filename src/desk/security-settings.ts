import { z } from 'zod';
import { ROLES, type Role } from '../domain/permissions';
import { outboundUrlProblem } from '../domain/urls';
import { nextSealedSecret } from '../security/secrets';
import { securitySettingsDocument, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';

/** http only for this machine (a provider under test, a local gateway); https everywhere else. */
export const issuerProblem = (raw: string): string | null =>
  outboundUrlProblem(raw, (u) =>
    u.username || u.password || u.search || u.hash ? 'must be the issuer URL only (no user, query or fragment)' : null,
  );

const Issuer = z
  .string()
  .trim()
  .max(500)
  .superRefine((v, ctx) => {
    const problem = issuerProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const SSO_DEFAULT = {
  enabled: false,
  issuer: null,
  clientId: null,
  clientSecret: null,
  label: '',
  passwordSignIn: 'everyone' as const,
};

/** As stored: `sso.clientSecret` is sealed with the instance key and never leaves the server. */
export const SecuritySettingsSchema = z.object({
  /** Roles that must use a second factor (TOTP) when they sign in with a password. */
  requireTwoFactorFor: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  sso: z
    .object({
      enabled: z.boolean().default(false),
      issuer: Issuer.nullable().default(null),
      clientId: z.string().trim().max(300).nullable().default(null),
      clientSecret: z.string().nullable().default(null),
      /** Text on the sign-in button, e.g. the company's identity provider ("社内アカウント"). Empty = a default. */
      label: z.string().trim().max(60).default(''),
      /** With SSO on: 'admins' keeps password sign-in for admins only (a way in when the provider is down). */
      passwordSignIn: z.enum(['everyone', 'admins']).default('everyone'),
    })
    .default(SSO_DEFAULT),
});
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

/** What PUT accepts: the secret is write-only (left out = keep, null = remove, a string = replace). */
export const SecuritySettingsInputSchema = z.object({
  requireTwoFactorFor: SecuritySettingsSchema.shape.requireTwoFactorFor,
  sso: z.object({
    enabled: z.boolean(),
    issuer: Issuer.nullable(),
    clientId: z.string().trim().max(300).nullable(),
    clientSecret: z.string().min(1).max(500).nullable().optional(),
    label: z.string().trim().max(60).default(''),
    passwordSignIn: z.enum(['everyone', 'admins']).default('everyone'),
  }),
});
export type SecuritySettingsInput = z.infer<typeof SecuritySettingsInputSchema>;

/** PUT semantics: the write-only client secret is kept (left out), removed (null) or replaced (sealed). */
export function mergeSecuritySettings(
  stored: SecuritySettings,
  input: SecuritySettingsInput,
  seal: (plain: string) => string,
): SecuritySettings {
  const { clientSecret, ...sso } = input.sso;
  return {
    requireTwoFactorFor: [...new Set(input.requireTwoFactorFor)],
    sso: { ...sso, clientSecret: nextSealedSecret(clientSecret, stored.sso.clientSecret, seal) },
  };
}

export function publicSecuritySettings(s: SecuritySettings) {
  const { clientSecret, ...sso } = s.sso;
  return { requireTwoFactorFor: s.requireTwoFactorFor, sso: { ...sso, hasClientSecret: Boolean(clientSecret) } };
}

/** SSO is usable when it is on and fully configured. */
export const ssoReady = (s: SecuritySettings) => s.sso.enabled && Boolean(s.sso.issuer && s.sso.clientId);

/** Who may sign in with a password: everyone, unless usable single sign-on keeps it for admins. */
export const passwordSignInFor = (s: SecuritySettings): 'everyone' | 'admins' =>
  ssoReady(s) ? s.sso.passwordSignIn : 'everyone';

export const requiresTwoFactor = (s: SecuritySettings, role: Role) => s.requireTwoFactorFor.includes(role);

export const securitySettings = {
  async get(db: Db, workspaceId: string): Promise<SecuritySettings> {
    return SecuritySettingsSchema.parse(parseJson(await securitySettingsDocument.read(db, workspaceId), {}));
  },
  async save(db: Db, workspaceId: string, settings: SecuritySettings): Promise<void> {
    await securitySettingsDocument.write(db, workspaceId, JSON.stringify(settings));
  },
};
