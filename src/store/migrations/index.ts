import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_core';
import * as m002 from './002_triage';
import * as m003 from './003_routing';
import * as m004 from './004_automation';
import * as m005 from './005_channel_meta';
import * as m006 from './006_reply_mode';
import * as m007 from './007_customer_merges';
import * as m008 from './008_incidents';
import * as m009 from './009_first_responder';
import * as m010 from './010_sign_in_security';
import * as m011 from './011_search';
import * as m012 from './012_saved_replies';
import * as m013 from './013_account_tokens';
import * as m014 from './014_reply_style';
import * as m015 from './015_reply_approvals';
import * as m016 from './016_brand_awareness';
import * as m017 from './017_inbox_counts';
import * as m018 from './018_reports';
import * as m019 from './019_satisfaction';
import * as m020 from './020_weekly_summary';
import * as m021 from './021_report_rollups';
import * as m022 from './022_listening';
import * as m023 from './023_knowledge_base';
import * as m024 from './024_help_center';
import * as m025 from './025_data_retention';
import * as m026 from './026_answer_bot';
import * as m027 from './027_article_questions';
import * as m028 from './028_job_forwarding';
import * as m029 from './029_category_arrivals';
import * as m030 from './030_job_handover_indexes';

/** Migrations are compiled in (not read from disk) so the same set runs from source, tests and bundles. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001_core': m001,
      '002_triage': m002,
      '003_routing': m003,
      '004_automation': m004,
      '005_channel_meta': m005,
      '006_reply_mode': m006,
      '007_customer_merges': m007,
      '008_incidents': m008,
      '009_first_responder': m009,
      '010_sign_in_security': m010,
      '011_search': m011,
      '012_saved_replies': m012,
      '013_account_tokens': m013,
      '014_reply_style': m014,
      '015_reply_approvals': m015,
      '016_brand_awareness': m016,
      '017_inbox_counts': m017,
      '018_reports': m018,
      '019_satisfaction': m019,
      '020_weekly_summary': m020,
      '021_report_rollups': m021,
      '022_listening': m022,
      '023_knowledge_base': m023,
      '024_help_center': m024,
      '025_data_retention': m025,
      '026_answer_bot': m026,
      '027_article_questions': m027,
      '028_job_forwarding': m028,
      '029_category_arrivals': m029,
      '030_job_handover_indexes': m030,
    };
  },
};
