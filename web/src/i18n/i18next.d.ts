import 'i18next';
import type { ja } from './ja';
import type { jaIncidents } from './ja-incidents';
import type { jaSavedReplies } from './ja-saved-replies';
import type { jaAudit } from './ja-audit';
import type { jaAccounts } from './ja-accounts';
import type { jaReports } from './ja-reports';
import type { jaListening } from './ja-listening';
import type { jaKnowledge } from './ja-knowledge';

// Typed keys: t('views.mine') is checked at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ja &
        typeof jaIncidents &
        typeof jaSavedReplies &
        typeof jaAudit &
        typeof jaAccounts &
        typeof jaReports &
        typeof jaListening &
        typeof jaKnowledge;
    };
  }
}
