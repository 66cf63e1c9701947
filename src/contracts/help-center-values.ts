// The help center's settings rules without zod: the web app checks a form with the same patterns the server does.

/** A public address segment: lower-case letters, digits and single hyphens, 2–40 characters. */
export const HELP_CENTER_SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/;
/** The accent colour: #rrggbb. */
export const HELP_CENTER_ACCENT = /^#[0-9a-fA-F]{6}$/;
export const HELP_CENTER_NAME_MAX = 80;
