import { z } from 'zod';
import type { Role } from '../domain/permissions';
import {
  PasswordSignInSchema,
  RequireTwoFactorFor,
  SecuritySettingsInputSchema,
  SsoIssuer,
} from '../contracts/security';
import { nextSealedSecret } from '../security/secrets';
import { securitySettingsDocument, type Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';

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
  requireTwoFactorFor: RequireTwoFactorFor,
  sso: z
    .object({
      enabled: z.boolean().default(false),
      issuer: SsoIssuer.nullable().default(null),
      clientId: z.string().trim().max(300).nullable().default(null),
      clientSecret: z.string().nullable().default(null),
      /** Text on the sign-in button, e.g. the company's identity provider ("社内アカウント"). Empty = a default. */
      label: z.string().trim().max(60).default(''),
      /** With SSO on: 'admins' keeps password sign-in for admins only (a way in when the provider is down). */
      passwordSignIn: PasswordSignInSchema.default('everyone'),
    })
    .default(SSO_DEFAULT),
});
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

/** What PUT accepts (the HTTP contract), as parsed. */
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
