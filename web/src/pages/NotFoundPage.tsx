import { Anchor, Center, Stack, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Stack align="center">
        <Title order={3}>{t('errors.pageNotFound')}</Title>
        <Anchor component={Link} to="/">
          {t('header.inbox')}
        </Anchor>
      </Stack>
    </Center>
  );
}
