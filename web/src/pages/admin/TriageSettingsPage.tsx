import { useState } from 'react';
import { Alert, Button, Group, List, Loader, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSaveBrands, useSaveTriagePhrases, useTriageSettings } from '../../api/triage';
import { CATEGORIES, type BrandProfile, type TriageSettings } from '../../api/types';
import { isCategory } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/time';
import { AdminPage } from './AdminPage';

// Limits of PUT /api/triage/phrases, checked here so the admin sees which list is wrong.
const MAX_PHRASE_LENGTH = 80;
const MAX_PHRASES = 500;
const SIGNAL_KEYS = ['positive', 'negative', 'support'] as const;
type SignalKey = (typeof SIGNAL_KEYS)[number];
const isSignalKey = (key: string): key is SignalKey => (SIGNAL_KEYS as readonly string[]).includes(key);

/** One phrase per line; blank lines and surrounding spaces do not count. */
const toPhrases = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function TriageSettingsPage() {
  const { t, i18n } = useTranslation();
  const settings = useTriageSettings();
  const [saved, setSaved] = useState(false);
  const [brandsSaved, setBrandsSaved] = useState(false);
  const data = settings.data;

  return (
    <AdminPage title={t('triageSettings.title')} allow={['admin']}>
      {settings.isPending && <Loader size="sm" />}
      {settings.error && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {data && (
        <Stack gap="lg" maw={960}>
          <Stack gap={6}>
            <Text size="sm">{t('triageSettings.intro')}</Text>
            <List size="sm" spacing={4}>
              <List.Item>{t('triageSettings.appliesNext')}</List.Item>
              <List.Item>{t('triageSettings.learns')}</List.Item>
            </List>
          </Stack>
          <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
            <Stat label={t('triageSettings.corrections')} value={data.corrections} testId="triage-corrections" />
            <Stat label={t('triageSettings.learnedExamples')} value={data.learnedExamples} testId="triage-learned" />
            <Stat
              label={t('triageSettings.updatedAt')}
              value={data.updatedAt ? formatDateTime(data.updatedAt, i18n.language) : t('triageSettings.never')}
              testId="triage-updated"
              small
            />
          </SimpleGrid>
          {/* Both forms remount with the server's (deduplicated) lists after every save. */}
          <BrandsForm
            key={`brands-${data.updatedAt ?? 'never'}`}
            brands={data.brands}
            saved={brandsSaved}
            onSaved={() => setBrandsSaved(true)}
            onEdit={() => setBrandsSaved(false)}
          />
          <PhrasesForm
            key={data.updatedAt ?? 'never'}
            settings={data}
            saved={saved}
            onSaved={() => setSaved(true)}
            onEdit={() => setSaved(false)}
          />
        </Stack>
      )}
    </AdminPage>
  );
}

function Stat({
  label,
  value,
  testId,
  small,
}: {
  label: string;
  value: number | string;
  testId: string;
  small?: boolean;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={small ? 'sm' : 'xl'} data-testid={testId} mt={small ? 6 : 0}>
        {value}
      </Text>
    </Paper>
  );
}

const BRAND_KEYS = ['brands', 'products', 'hashtags', 'competitors'] as const;
const MAX_NAMES = 200;

/** The workspace's own names and its competitors': a competitor's problem is a competitor mention, not an alarm. */
function BrandsForm({
  brands,
  saved,
  onSaved,
  onEdit,
}: {
  brands: BrandProfile;
  saved: boolean;
  onSaved: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveBrands();
  const [texts, setTexts] = useState<Record<(typeof BRAND_KEYS)[number], string>>(() => ({
    brands: brands.brands.join('\n'),
    products: brands.products.join('\n'),
    hashtags: brands.hashtags.join('\n'),
    competitors: brands.competitors.join('\n'),
  }));
  const errorOf = (key: (typeof BRAND_KEYS)[number]): string | undefined => {
    const names = toPhrases(texts[key]);
    if (names.some((p) => p.length > MAX_PHRASE_LENGTH)) return t('triageSettings.tooLong', { max: MAX_PHRASE_LENGTH });
    if (names.length > MAX_NAMES) return t('triageSettings.brandsTooMany', { max: MAX_NAMES });
    return undefined;
  };
  const invalid = BRAND_KEYS.some((key) => errorOf(key));
  const submit = () => {
    if (invalid) return;
    const list = (key: (typeof BRAND_KEYS)[number]) => [...new Set(toPhrases(texts[key]))];
    save.mutate(
      {
        brands: list('brands'),
        products: list('products'),
        hashtags: list('hashtags'),
        competitors: list('competitors'),
      },
      { onSuccess: onSaved },
    );
  };
  return (
    <Stack gap="md" data-testid="brands-form">
      <Stack gap={4}>
        <Title order={3} fz="md">
          {t('triageSettings.brandsHeading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('triageSettings.brandsIntro')}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {BRAND_KEYS.map((key) => (
          <Textarea
            key={key}
            label={t(`triageSettings.brandKeys.${key}`)}
            description={t(`triageSettings.brandHelp.${key}`)}
            placeholder={t(`triageSettings.brandPlaceholders.${key}`)}
            value={texts[key]}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setTexts((prev) => ({ ...prev, [key]: value }));
              onEdit();
            }}
            error={errorOf(key)}
            autosize
            minRows={2}
            maxRows={8}
            data-testid={`brands-${key}`}
          />
        ))}
      </SimpleGrid>
      <SaveRow
        save={save}
        saved={saved}
        invalid={invalid}
        onSave={submit}
        testId="brands"
        label={t('triageSettings.brandsSave')}
        savedText={t('triageSettings.brandsSaved')}
      />
    </Stack>
  );
}

/** A form's foot: the server's error, the saved notice, and the save button. */
function SaveRow(props: {
  save: { error: Error | null; isPending: boolean; reset: () => void };
  saved: boolean;
  invalid: boolean;
  onSave: () => void;
  testId: string;
  label: string;
  savedText: string;
}) {
  const { save, saved, invalid, onSave, testId, label, savedText } = props;
  return (
    <>
      {save.error && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
      {saved && (
        <Alert color="teal" variant="light" py="xs" role="status" data-testid={`${testId}-saved`}>
          {savedText}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onSave} loading={save.isPending} disabled={invalid} data-testid={`${testId}-save`}>
          {label}
        </Button>
      </Group>
    </>
  );
}

interface FormProps {
  settings: TriageSettings;
  saved: boolean;
  onSaved: () => void;
  onEdit: () => void;
}

function PhrasesForm({ settings, saved, onSaved, onEdit }: FormProps) {
  const { t } = useTranslation();
  const save = useSaveTriagePhrases();
  const keys = settings.phraseKeys.length ? settings.phraseKeys : [...CATEGORIES, ...SIGNAL_KEYS];
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(keys.map((key) => [key, (settings.phrases[key] ?? []).join('\n')])),
  );

  const errorOf = (key: string): string | undefined => {
    const phrases = toPhrases(texts[key] ?? '');
    if (phrases.some((p) => p.length > MAX_PHRASE_LENGTH))
      return t('triageSettings.tooLong', { max: MAX_PHRASE_LENGTH });
    if (phrases.length > MAX_PHRASES) return t('triageSettings.tooMany', { max: MAX_PHRASES });
    return undefined;
  };
  const invalid = keys.some((key) => errorOf(key));

  const submit = () => {
    if (invalid) return;
    save.mutate(Object.fromEntries(keys.map((key) => [key, [...new Set(toPhrases(texts[key] ?? ''))]])), {
      onSuccess: onSaved,
    });
  };

  const field = (key: string) => {
    const label = isCategory(key) ? t(`category.${key}`) : isSignalKey(key) ? t(`triageSettings.keys.${key}`) : key;
    const placeholder = isCategory(key) || isSignalKey(key) ? t(`triageSettings.placeholders.${key}`) : undefined;
    const count = toPhrases(texts[key] ?? '').length;
    return (
      <Textarea
        key={key}
        label={label}
        description={t('triageSettings.phraseCount', { count })}
        placeholder={placeholder}
        value={texts[key] ?? ''}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setTexts((prev) => ({ ...prev, [key]: value }));
          onEdit();
        }}
        error={errorOf(key)}
        autosize
        minRows={2}
        maxRows={8}
        data-testid={`phrases-${key}`}
      />
    );
  };

  const categoryKeys = keys.filter((key) => !isSignalKey(key));
  const signalKeys = keys.filter(isSignalKey);

  return (
    <Stack gap="md">
      <Title order={3} fz="md">
        {t('triageSettings.categoriesHeading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {categoryKeys.map(field)}
      </SimpleGrid>
      <Title order={3} fz="md">
        {t('triageSettings.signalsHeading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {signalKeys.map(field)}
      </SimpleGrid>
      <SaveRow
        save={save}
        saved={saved}
        invalid={invalid}
        onSave={submit}
        testId="phrases"
        label={t('triageSettings.save')}
        savedText={t('triageSettings.saved')}
      />
    </Stack>
  );
}
