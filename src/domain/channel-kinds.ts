/** The channels Koe hears and answers on. */
export const CHANNEL_KINDS = ['webchat', 'line', 'facebook', 'instagram', 'x', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
