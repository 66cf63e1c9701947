import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../../api/admin';
import { useRemoveListeningQuery, useSaveListeningQuery, useSearchNow, type ListeningQuery } from '../../api/listening';
import { ChannelBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatShortTime } from '../../lib/time';

/** The queries: what each searches, when it last did, and why the platform refused if it did. */
export function QueryList({
  queries,
  admin,
  canSearch,
}: {
  queries: ListeningQuery[];
  admin: boolean;
  canSearch: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ListeningQuery | 'new' | null>(null);
  return (
    <Stack gap="xs" data-testid="listening-queries">
      {queries.length === 0 && (
        <Text size="sm" c="dimmed">
          {admin ? t('listening.noQueries') : t('listening.noQueriesAgent')}
        </Text>
      )}
      {queries.map((q) => (
        <QueryRow key={q.id} q={q} admin={admin} canSearch={canSearch} onEdit={() => setEditing(q)} />
      ))}
      {admin && (
        <Group>
          <Button size="xs" onClick={() => setEditing('new')} data-testid="listening-add">
            {t('listening.add')}
          </Button>
        </Group>
      )}
      {editing && <QueryForm query={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function QueryRow({
  q,
  admin,
  canSearch,
  onEdit,
}: {
  q: ListeningQuery;
  admin: boolean;
  canSearch: boolean;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const searchNow = useSearchNow();
  const remove = useRemoveListeningQuery();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="listening-query" data-query-name={q.name}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <ChannelBadge kind={q.channel.kind} />
          <Text fw={600} size="sm">
            {q.name}
          </Text>
          {!q.active && (
            <Badge size="xs" color="gray" variant="light">
              {t('listening.paused')}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {t('listening.postsLastWeek', { count: q.postsLastWeek })}
            {' · '}
            {q.polledAt
              ? t('listening.searched', { time: formatShortTime(q.polledAt, i18n.language) })
              : t('listening.neverSearched')}
          </Text>
        </Group>
        <Group gap={6}>
          {canSearch && q.active && (
            <Button
              size="compact-xs"
              variant="light"
              loading={searchNow.isPending}
              onClick={() => searchNow.mutate(q.id)}
              data-testid="listening-search-now"
            >
              {t('listening.searchNow')}
            </Button>
          )}
          {admin && (
            <>
              <Button size="compact-xs" variant="default" onClick={onEdit} data-testid="listening-edit">
                {t('listening.edit')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('listening.removeConfirm', { name: q.name }))) remove.mutate(q.id);
                }}
                data-testid="listening-remove"
              >
                {t('listening.remove')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Group gap={4} mt={6} wrap="wrap">
        {q.terms.map((term) => (
          <Badge key={term} size="sm" variant="light" radius="sm" tt="none">
            {term}
          </Badge>
        ))}
        {q.exclusions.map((term) => (
          <Badge key={term} size="sm" variant="outline" color="gray" radius="sm" tt="none">
            −{term}
          </Badge>
        ))}
      </Group>
      {q.lastError && (
        <Text size="xs" c="red" mt={6} data-testid="listening-error">
          {t(`listening.errors.${q.lastError}`)}
        </Text>
      )}
      {(searchNow.error || remove.error) && <ErrorAlert error={searchNow.error ?? remove.error} />}
    </Paper>
  );
}

function QueryForm({ query, onClose }: { query: ListeningQuery | null; onClose: () => void }) {
  const { t } = useTranslation();
  const channels = (useChannels().data ?? []).filter((c) => c.kind === 'x' || c.kind === 'instagram');
  const save = useSaveListeningQuery();
  const [name, setName] = useState(query?.name ?? '');
  const [channelId, setChannelId] = useState(query?.channel.id ?? '');
  const [terms, setTerms] = useState<string[]>(query?.terms ?? []);
  const [exclusions, setExclusions] = useState<string[]>(query?.exclusions ?? []);
  const [active, setActive] = useState(query?.active ?? true);
  const chosen = channelId || channels[0]?.id || '';
  const kind = channels.find((c) => c.id === chosen)?.kind;
  return (
    <Modal
      opened
      onClose={onClose}
      title={query ? t('listening.form.titleEdit') : t('listening.form.titleNew')}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: query?.id, name, channelId: chosen, terms, exclusions, active }, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          {channels.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('listening.form.noChannels')}
            </Text>
          )}
          <TextInput
            label={t('listening.form.name')}
            placeholder={t('listening.form.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={80}
            data-testid="listening-form-name"
          />
          <NativeSelect
            label={t('listening.form.channel')}
            value={chosen}
            onChange={(e) => setChannelId(e.currentTarget.value)}
            data={channels.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="listening-form-channel"
          />
          <TagsInput
            label={t('listening.form.terms')}
            description={kind === 'instagram' ? t('listening.form.termsHelpInstagram') : t('listening.form.termsHelpX')}
            placeholder={t('listening.form.termsPlaceholder')}
            value={terms}
            onChange={setTerms}
            maxTags={20}
            data-testid="listening-form-terms"
          />
          <TagsInput
            label={t('listening.form.exclusions')}
            description={t('listening.form.exclusionsHelp')}
            placeholder={t('listening.form.termsPlaceholder')}
            value={exclusions}
            onChange={setExclusions}
            maxTags={20}
            data-testid="listening-form-exclusions"
          />
          <Switch
            label={t('listening.form.active')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
          />
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('listening.form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!chosen} data-testid="listening-form-save">
              {t('listening.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
