import type { ChannelKind } from '../../api/types';
import type { Resources } from '../../i18n/ja';

export type FieldName = keyof Resources['channelSetup']['fields'];

/** One credential the platform plugin expects (src/channels/<kind>/credentials.ts). */
export interface CredentialField {
  name: FieldName;
  type: 'text' | 'secret' | 'number' | 'bool';
  optional?: boolean;
  placeholder?: string;
}

const line: CredentialField[] = [
  { name: 'channelSecret', type: 'secret' },
  { name: 'channelAccessToken', type: 'secret' },
  { name: 'apiBaseUrl', type: 'text', optional: true, placeholder: 'https://api.line.me' },
];

const meta = (instagram: boolean): CredentialField[] => [
  { name: 'appSecret', type: 'secret' },
  { name: 'verifyToken', type: 'secret' },
  { name: 'pageAccessToken', type: 'secret' },
  { name: 'pageId', type: 'text' },
  { name: 'igAccountId', type: 'text', optional: !instagram },
  { name: 'graphBaseUrl', type: 'text', optional: true, placeholder: 'https://graph.facebook.com' },
  { name: 'graphVersion', type: 'text', optional: true, placeholder: 'v21.0' },
];

const x: CredentialField[] = [
  { name: 'consumerSecret', type: 'secret' },
  { name: 'accessToken', type: 'secret', optional: true },
  { name: 'bearerToken', type: 'secret', optional: true },
  { name: 'userId', type: 'text', placeholder: '2244994945' },
  { name: 'handle', type: 'text', placeholder: '@koemart' },
  { name: 'apiBaseUrl', type: 'text', optional: true, placeholder: 'https://api.x.com' },
  { name: 'pollIntervalSeconds', type: 'number', optional: true, placeholder: '60' },
  { name: 'searchQuery', type: 'text', optional: true, placeholder: '#Koeマート -is:retweet' },
];

const email: CredentialField[] = [
  { name: 'address', type: 'text', placeholder: 'support@example.com' },
  { name: 'smtpHost', type: 'text', placeholder: 'smtp.example.com' },
  { name: 'smtpPort', type: 'number', placeholder: '587' },
  { name: 'smtpSecure', type: 'bool', optional: true },
  { name: 'smtpUser', type: 'text', optional: true },
  { name: 'smtpPass', type: 'secret', optional: true },
  { name: 'inboundPort', type: 'number', optional: true, placeholder: '0' },
  { name: 'inboundHost', type: 'text', optional: true, placeholder: '127.0.0.1' },
];

export const CREDENTIAL_FIELDS: Record<ChannelKind, CredentialField[]> = {
  webchat: [],
  line,
  facebook: meta(false),
  instagram: meta(true),
  x,
  email,
};

export type CredentialValues = Record<string, string | boolean>;

/** Form values → the JSON the plugin validates: empty optional fields are left out, numbers parsed. */
export function toCredentials(kind: ChannelKind, values: CredentialValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CREDENTIAL_FIELDS[kind]) {
    const value = values[field.name];
    if (field.type === 'bool') {
      if (value === true) out[field.name] = true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (!field.optional) out[field.name] = '';
      continue;
    }
    // A non-number is sent as typed so the server names the field in its error.
    out[field.name] = field.type === 'number' && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return out;
}

/** Server errors (`body.credentials.channelSecret`, `body.name`) keyed by form field. */
export function fieldErrors(errors: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = e.path.replace(/^body\.(credentials\.)?/, '');
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
  }
  return out;
}
