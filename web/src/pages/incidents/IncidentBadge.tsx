import { Badge, Tooltip } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useIncidents } from '../../api/incidents';

const href = (id: string) => `/incidents/${encodeURIComponent(id)}`;

function useIncidentTitle(incidentId: string): string | undefined {
  // The open incidents list is shared with the inbox banner: no request per conversation.
  return useIncidents('open').data?.find((i) => i.id === incidentId)?.title;
}

/** In the conversation header: a real link to the incident. */
export function IncidentLinkBadge({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const title = useIncidentTitle(incidentId);
  return (
    <Badge
      component={Link}
      to={href(incidentId)}
      size="sm"
      variant="filled"
      color="red"
      radius="sm"
      tt="none"
      maw={260}
      style={{ cursor: 'pointer' }}
      data-testid="incident-badge"
      data-incident-id={incidentId}
    >
      ⚠ {title ? t('incidents.badgeTitle', { title }) : t('incidents.badge')}
    </Badge>
  );
}

/**
 * In a list item, which is itself a link: a click opens the incident instead of the conversation.
 * Not a nested link (invalid HTML); keyboard users reach the incident from the header badge.
 */
export function IncidentListBadge({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const title = useIncidentTitle(incidentId);
  return (
    <Tooltip label={title ? t('incidents.badgeTitle', { title }) : t('incidents.badge')} withArrow>
      <Badge
        size="xs"
        variant="light"
        color="red"
        radius="sm"
        style={{ cursor: 'pointer' }}
        onClick={(e) => {
          e.preventDefault();
          e.stopPropagation();
          navigate(href(incidentId));
        }}
        data-testid="incident-badge"
        data-incident-id={incidentId}
      >
        ⚠ {t('incidents.badge')}
      </Badge>
    </Tooltip>
  );
}
