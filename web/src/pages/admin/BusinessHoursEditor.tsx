import { Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Weekly = Record<string, [string, string][]>;
// Monday first, as Japanese calendars at work usually are; keys are 0 = Sunday … 6.
const DAYS = ['1', '2', '3', '4', '5', '6', '0'] as const;

/** One opening window per weekday (extra windows of a day are kept as they are). */
export function BusinessHoursEditor({ value, onChange }: { value: Weekly; onChange: (v: Weekly) => void }) {
  const { t } = useTranslation();
  const set = (day: string, windows: [string, string][]) => {
    const next = { ...value };
    if (windows.length) next[day] = windows;
    else delete next[day];
    onChange(next);
  };
  return (
    <Stack gap={6} data-testid="business-hours">
      {DAYS.map((day) => {
        const windows = value[day] ?? [];
        const open = windows.length > 0;
        const [start, end] = windows[0] ?? ['09:00', '18:00'];
        return (
          <Group key={day} gap="sm" wrap="nowrap" data-testid={`hours-${day}`}>
            <Checkbox
              w={64}
              label={t(`desk.weekdays.d${day}` as 'desk.weekdays.d0')}
              checked={open}
              onChange={(e) => set(day, e.currentTarget.checked ? [['09:00', '18:00']] : [])}
            />
            {open ? (
              <>
                <TextInput
                  size="xs"
                  type="time"
                  w={110}
                  value={start}
                  onChange={(e) => set(day, [[e.currentTarget.value, end], ...windows.slice(1)])}
                />
                <Text size="xs">〜</Text>
                <TextInput
                  size="xs"
                  type="time"
                  w={110}
                  value={end}
                  onChange={(e) => set(day, [[start, e.currentTarget.value], ...windows.slice(1)])}
                />
              </>
            ) : (
              <Text size="xs" c="dimmed">
                {t('desk.closed')}
              </Text>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
