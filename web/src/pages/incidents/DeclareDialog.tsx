import { useState, type FormEvent } from 'react';
import { Button, Chip, Group, Input, Modal, NativeSelect, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { INCIDENT_CATEGORIES, isIncidentCategory, useDeclareIncident } from '../../api/incidents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ACK_TEMPLATES, LINK_WINDOWS, pickTemplate } from './templates';
import { MessageTextarea } from './parts';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Pre-selects a category (from a spike alert) and proposes a title for it. */
  category?: string;
}

/** 「インシデントを宣言」: title, categories, keywords, the approved acknowledgement in both languages. */
export function DeclareDialog({ opened, onClose, category }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Modal opened={opened} onClose={onClose} title={t('incidents.declare')} size="lg" fullScreen={phone}>
      {/* Mounted only while open: every opening starts from fresh, pre-filled texts. */}
      {opened && <DeclareForm category={category} onDone={onClose} />}
    </Modal>
  );
}

export const linkWindowLabel = (t: TFunction, minutes: number) =>
  minutes % 60 === 0 ? t('incidents.hours', { count: minutes / 60 }) : t('incidents.minutes', { count: minutes });

function DeclareForm({ category, onDone }: { category?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const declare = useDeclareIncident();
  const initial = category && isIncidentCategory(category) ? [category] : [];
  const [title, setTitle] = useState(() =>
    initial.length ? t('incidents.form.titleFromSpike', { label: t(`category.${initial[0]}`) }) : '',
  );
  const [categories, setCategories] = useState<string[]>(initial);
  const [keywords, setKeywords] = useState<string[]>([]);
  // null until the supervisor edits: the wording follows the chosen categories until then.
  const [ackJa, setAckJa] = useState<string | null>(null);
  const [ackEn, setAckEn] = useState<string | null>(null);
  const [autoAcknowledge, setAutoAcknowledge] = useState(true);
  const [linkSince, setLinkSince] = useState('60');
  const [tried, setTried] = useState(false);

  const template = pickTemplate(ACK_TEMPLATES, categories);
  const ja = ackJa ?? template.ja;
  const en = ackEn ?? template.en;
  const titleError = tried && !title.trim() ? t('incidents.form.required') : null;
  const categoryError = tried && categories.length === 0 ? t('incidents.form.chooseCategory') : null;
  const ackError = tried && !ja.trim() && !en.trim() ? t('incidents.form.required') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!title.trim() || categories.length === 0 || (!ja.trim() && !en.trim())) return;
    declare.mutate(
      {
        title: title.trim(),
        categories,
        keywords,
        ackJa: ja.trim(),
        ackEn: en.trim(),
        autoAcknowledge,
        linkSinceMinutes: Number(linkSince),
      },
      {
        onSuccess: (incident) => {
          onDone();
          navigate(`/incidents/${encodeURIComponent(incident.id)}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="declare-dialog">
      <Stack gap="sm">
        <TextInput
          label={t('incidents.form.title')}
          placeholder={t('incidents.form.titlePlaceholder')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={titleError}
          maxLength={120}
          required
          data-autofocus
          data-testid="declare-title"
        />
        <Input.Wrapper
          label={t('incidents.form.categories')}
          description={t('incidents.form.categoriesHelp')}
          error={categoryError}
          required
        >
          <Chip.Group multiple value={categories} onChange={setCategories}>
            <Group gap={6} mt={6} data-testid="declare-categories">
              {INCIDENT_CATEGORIES.map((c) => (
                <Chip key={c} value={c} size="sm" color="red" wrapperProps={{ 'data-testid': `declare-category-${c}` }}>
                  {t(`category.${c}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>
        <TagsInput
          label={t('incidents.form.keywords')}
          description={t('incidents.form.keywordsHelp')}
          placeholder={t('incidents.form.keywordsPlaceholder')}
          value={keywords}
          maxTags={20}
          onChange={(tags) => setKeywords(tags.map((k) => k.trim().slice(0, 40)).filter(Boolean))}
          data-testid="declare-keywords"
        />
        <MessageTextarea
          label={t('incidents.form.ackJa')}
          description={t('incidents.form.ackHelp')}
          value={ja}
          onChange={setAckJa}
          error={ackError}
          testId="declare-ack-ja"
        />
        <MessageTextarea label={t('incidents.form.ackEn')} value={en} onChange={setAckEn} testId="declare-ack-en" />
        <Switch
          label={t('incidents.form.autoAcknowledge')}
          checked={autoAcknowledge}
          onChange={(e) => setAutoAcknowledge(e.currentTarget.checked)}
          data-testid="declare-auto-ack"
        />
        <NativeSelect
          label={t('incidents.form.linkWindow')}
          value={linkSince}
          onChange={(e) => setLinkSince(e.currentTarget.value)}
          data={LINK_WINDOWS.map((m) => ({
            value: String(m),
            label: t('incidents.form.linkWindowOption', { label: linkWindowLabel(t, m) }),
          }))}
          data-testid="declare-link-window"
        />
        {declare.error && <ErrorAlert error={declare.error} onClose={() => declare.reset()} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" color="red" loading={declare.isPending} data-testid="declare-submit">
            {t('incidents.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
