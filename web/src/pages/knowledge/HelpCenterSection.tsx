import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, ColorInput, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HELP_CENTER_ACCENT, HELP_CENTER_NAME_MAX, HELP_CENTER_SLUG } from '@contracts/help-center-values';
import { useHelpCenter, useSaveHelpCenter } from '../../api/knowledge-base';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Admins' part of the knowledge-base page: the public help center (published articles as a site for customers) —
 * on or off, its address, the brand's name and colour — with a link to the site.
 */
export function HelpCenterSection() {
  const { t } = useTranslation();
  const settings = useHelpCenter(true);
  const save = useSaveHelpCenter();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [accent, setAccent] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setName(settings.data.name ?? '');
    setSlug(settings.data.slug);
    setAccent(settings.data.accent);
  }, [settings.data]);
  if (!settings.data) return settings.error ? <ErrorAlert error={settings.error} /> : null;
  const s = settings.data;
  const slugError = slug && !HELP_CENTER_SLUG.test(slug) ? t('knowledge.helpCenter.slugInvalid') : null;
  const accentError = accent && !HELP_CENTER_ACCENT.test(accent) ? t('knowledge.helpCenter.accentInvalid') : null;
  const changed = name !== (s.name ?? '') || slug !== s.slug || accent.toLowerCase() !== s.accent;

  return (
    <Paper withBorder radius="md" p="md" data-testid="help-center-settings">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('knowledge.helpCenter.title')}
            </Title>
            <Badge color={s.enabled ? 'teal' : 'gray'} variant="light" data-testid="help-center-state">
              {s.enabled ? t('knowledge.helpCenter.on') : t('knowledge.helpCenter.off')}
            </Badge>
          </Group>
          {s.enabled && (
            <Anchor href={s.url} target="_blank" rel="noopener" data-testid="help-center-link">
              {t('knowledge.helpCenter.open')}
            </Anchor>
          )}
        </Group>
        <Text size="sm" c="dimmed" maw={760}>
          {t('knowledge.helpCenter.intro')}
        </Text>
        <Switch
          checked={s.enabled}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ enabled: e.currentTarget.checked })}
          label={t('knowledge.helpCenter.enabled')}
          data-testid="help-center-enabled"
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (slugError || accentError) return;
            save.mutate({ name: name.trim() || null, slug, accent });
          }}
        >
          <Stack gap="sm">
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput
                label={t('knowledge.helpCenter.name')}
                description={t('knowledge.helpCenter.nameHint')}
                value={name}
                maxLength={HELP_CENTER_NAME_MAX}
                onChange={(e) => setName(e.currentTarget.value)}
                w={{ base: '100%', sm: 260 }}
                data-testid="help-center-name"
              />
              <TextInput
                label={t('knowledge.helpCenter.slug')}
                description={t('knowledge.helpCenter.slugHint')}
                leftSection={<Text size="sm">/help/</Text>}
                leftSectionWidth={56}
                value={slug}
                error={slugError}
                onChange={(e) => setSlug(e.currentTarget.value.trim().toLowerCase())}
                w={{ base: '100%', sm: 260 }}
                data-testid="help-center-slug"
              />
              <ColorInput
                label={t('knowledge.helpCenter.accent')}
                description={t('knowledge.helpCenter.accentHint')}
                format="hex"
                value={accent}
                error={accentError}
                onChange={setAccent}
                w={{ base: '100%', sm: 200 }}
                data-testid="help-center-accent"
              />
            </Group>
            <Button
              type="submit"
              w="fit-content"
              disabled={!changed}
              loading={save.isPending}
              data-testid="help-center-save"
            >
              {t('knowledge.helpCenter.save')}
            </Button>
          </Stack>
        </form>
        {save.error && <ErrorAlert error={save.error} />}
      </Stack>
    </Paper>
  );
}
