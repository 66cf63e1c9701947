/** A write-only secret in a settings form: kept (nothing is sent), typed anew, or removed. */
export type SecretMode = 'keep' | 'edit' | 'remove';
export interface SecretDraft {
  mode: SecretMode;
  value: string;
}

/** The field to send for it: none to keep it, null to remove it, the typed text to replace it (empty text keeps it). */
export function secretField<K extends string>(key: K, s: SecretDraft): Partial<Record<K, string | null>> {
  if (s.mode === 'remove') return { [key]: null } as Record<K, null>;
  if (s.mode === 'edit' && s.value) return { [key]: s.value } as Record<K, string>;
  return {};
}
