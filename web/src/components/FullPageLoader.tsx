import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100%" mih={200} aria-busy="true" aria-label={t('app.loading')}>
      <Loader color="teal" />
    </Center>
  );
}
