import { z } from 'zod';
import { outboundUrlProblem } from '../domain/urls';
import { MIN_PASSWORD_LENGTH, ROLES } from './values';

/** Passwords Koe sets (setup, new agents): length here; strength is checked by the server (desk/sign-in). */
export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200);

// ---------------------------------------------------------------------------------------------------------------
// Two-factor sign-in of the signed-in agent (/api/me/two-factor)

export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Unused recovery codes. */
  recoveryCodesLeft: z.number().int(),
  /** The workspace requires two-factor sign-in for this agent's role. */
  required: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

/** A new, not yet confirmed secret for the authenticator app. */
export const TwoFactorEnrolmentSchema = z.object({
  /** Base32, for typing into the app by hand. */
  secret: z.string(),
  /** The otpauth:// URI of the secret. */
  uri: z.string(),
  /** The URI as a QR code (SVG markup). */
  qrSvg: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolmentSchema>;

/** A code from the authenticator app (or, when signing in, a recovery code). */
export const TwoFactorCodeBody = z.object({ code: z.string().trim().min(6).max(20) });
export const DisableTwoFactorBody = z.object({ password: z.string().min(1).max(200) });

/** Shown once: only their hashes are kept. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The workspace's sign-in security (/api/settings/security)

/** With single sign-on on: 'admins' keeps password sign-in for admins only (a way in when the provider is down). */
export const PASSWORD_SIGN_IN = ['everyone', 'admins'] as const;
export type PasswordSignIn = (typeof PASSWORD_SIGN_IN)[number];
export const PasswordSignInSchema = z.enum(PASSWORD_SIGN_IN);

/** http only for this machine (a provider under test, a local gateway); https everywhere else. */
export const issuerProblem = (raw: string): string | null =>
  outboundUrlProblem(raw, (u) =>
    u.username || u.password || u.search || u.hash ? 'must be the issuer URL only (no user, query or fragment)' : null,
  );

/** The OpenID Connect issuer URL. */
export const SsoIssuer = z
  .string()
  .trim()
  .max(500)
  .superRefine((v, ctx) => {
    const problem = issuerProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Roles that must use a second factor (TOTP) when they sign in with a password. */
export const RequireTwoFactorFor = z.array(z.enum(ROLES)).max(ROLES.length).default([]);

/** What PUT accepts: the secret is write-only (left out = keep, null = remove, a string = replace). */
export const SecuritySettingsInputSchema = z.object({
  requireTwoFactorFor: RequireTwoFactorFor,
  sso: z.object({
    enabled: z.boolean(),
    issuer: SsoIssuer.nullable(),
    clientId: z.string().trim().max(300).nullable(),
    /** Left out: keep; null: remove; a string: replace. */
    clientSecret: z.string().min(1).max(500).nullable().optional(),
    /** Text on the sign-in button, e.g. the company's identity provider ("社内アカウント"). Empty = a default. */
    label: z.string().trim().max(60).default(''),
    passwordSignIn: PasswordSignInSchema.default('everyone'),
  }),
});
export type SecuritySettingsInput = z.input<typeof SecuritySettingsInputSchema>;

/** The settings as admins see them: the client secret never leaves the server, only whether there is one. */
export const SecuritySettingsSchema = z.object({
  requireTwoFactorFor: z.array(z.enum(ROLES)),
  sso: z.object({
    enabled: z.boolean(),
    issuer: z.string().nullable(),
    clientId: z.string().nullable(),
    hasClientSecret: z.boolean(),
    label: z.string(),
    passwordSignIn: PasswordSignInSchema,
  }),
  /** Where the identity provider must send browsers back (register it there). */
  callbackUrl: z.string(),
});
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;
