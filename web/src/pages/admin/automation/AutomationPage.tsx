import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCreateRule, useDeleteRule, useRules, useUpdateRule } from '../../../api/automation';
import type { Rule } from '../../../api/routingTypes';
import { useMe } from '../../../api/session';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { AdminPage } from '../AdminPage';
import { DryRunPanel } from './DryRunPanel';
import { RuleForm } from './RuleForm';
import { describeCondition } from './ConditionRow';
import { useRuleNames } from './useRuleNames';
import { TemplatesPanel } from './TemplatesPanel';

/** Admin-defined rules (event → conditions → actions), a dry run against a real conversation, and reply templates. */
export function AutomationPage() {
  const { t } = useTranslation();
  const isAdmin = useMe().data?.agent.role === 'admin';
  const rules = useRules();
  const create = useCreateRule();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const [creating, setCreating] = useState(false);
  const close = () => {
    setCreating(false);
    create.reset();
  };

  return (
    <AdminPage
      title={t('automation.title')}
      allow={['admin', 'supervisor']}
      actions={
        isAdmin && (
          <Button onClick={() => setCreating(true)} data-testid="rule-add">
            {t('automation.add')}
          </Button>
        )
      }
    >
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {rules.isPending && <Loader size="sm" />}
            {rules.error && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
            {(update.error || remove.error) && (
              <ErrorAlert
                error={update.error ?? remove.error}
                onClose={() => {
                  update.reset();
                  remove.reset();
                }}
              />
            )}
            {rules.data && (
              <Table.ScrollContainer minWidth={620}>
                <Table verticalSpacing="xs" striped data-testid="rules-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={80}>{t('automation.order')}</Table.Th>
                      <Table.Th>{t('automation.name')}</Table.Th>
                      <Table.Th>{t('automation.event')}</Table.Th>
                      <Table.Th>{t('automation.actions')}</Table.Th>
                      <Table.Th>{t('automation.enabled')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rules.data.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={6}>
                          <Text c="dimmed" size="sm">
                            {t('automation.empty')}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    )}
                    {rules.data.map((rule) => (
                      <RuleRow
                        key={`${rule.id}-${rule.order}`}
                        rule={rule}
                        canEdit={isAdmin}
                        onSave={(r) => update.mutate(r)}
                        onDelete={() => remove.mutate(rule.id)}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <DryRunPanel />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TemplatesPanel canEdit={isAdmin} />
        </Grid.Col>
      </Grid>
      <Modal opened={creating} onClose={close} title={t('automation.add')} size="xl">
        {creating && (
          <RuleForm
            pending={create.isPending}
            error={create.error}
            onSubmit={(r) => create.mutate(r, { onSuccess: close })}
            onCancel={close}
          />
        )}
      </Modal>
    </AdminPage>
  );
}

function RuleRow({
  rule,
  canEdit,
  onSave,
  onDelete,
}: {
  rule: Rule;
  canEdit: boolean;
  onSave: (r: Rule) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const names = useRuleNames();
  const [order, setOrder] = useState<number | string>(rule.order);
  const saveOrder = () => Number(order) !== rule.order && onSave({ ...rule, order: Number(order) || 0 });
  return (
    <Table.Tr data-testid="rule-row" data-rule-id={rule.id} data-enabled={rule.enabled}>
      <Table.Td>
        <NumberInput
          size="xs"
          w={70}
          value={order}
          onChange={setOrder}
          onBlur={saveOrder}
          min={0}
          max={10000}
          disabled={!canEdit}
          aria-label={t('automation.order')}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {rule.name}
        </Text>
        <Text size="xs" c="dimmed">
          {rule.conditions.map((c) => describeCondition(t, c, names.agent)).join(t('automation.conjunction')) || '—'}
          {rule.stopProcessing ? ` · ${t('automation.stopShort')}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{t(`automation.events.${rule.event}`)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {rule.actions.map((a, i) => (
            <Badge key={i} size="xs" variant="light">
              {t(`automation.actionTypes.${a.type}`)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={rule.enabled}
          disabled={!canEdit}
          onChange={(e) => onSave({ ...rule, enabled: e.currentTarget.checked })}
          aria-label={t('automation.enabled')}
          data-testid="rule-enabled"
        />
      </Table.Td>
      <Table.Td>
        {canEdit && (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('automation.remove')}
            onClick={onDelete}
            data-testid="rule-delete"
          >
            ×
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
