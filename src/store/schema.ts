import type { Generated } from 'kysely';

/**
 * Table types shared by both dialects. Times are ISO-8601 UTC strings (they sort correctly as text in
 * SQLite and PostgreSQL alike); JSON values are stored as text; booleans as 0/1 integers.
 */
export interface WorkspaceTable {
  id: string;
  name: string;
  created_at: string;
}

export interface AgentTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  display_name: string;
  role: string;
  level: number;
  skills: string;
  password_hash: string;
  active: number;
  locale: string;
  created_at: string;
  updated_at: string;
  capacity: Generated<number>;
  presence: Generated<string>;
  last_assigned_at: string | null;
  login_failures: Generated<number>;
  login_failures_since: string | null;
  login_locked_until: string | null;
  /** Sealed TOTP secret once two-factor sign-in is on; `totp_pending` while the agent is setting it up. */
  totp_secret: string | null;
  totp_pending: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  recovery_codes: Generated<string>;
}

export interface SessionTable {
  id: string;
  agent_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** 'password' or 'sso': a workspace's two-factor requirement applies to password sign-ins only. */
  via: Generated<string>;
}
export interface LoginChallengeTable {
  id: string;
  agent_id: string;
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
}
export interface SecuritySettingsTable {
  workspace_id: string;
  settings: string;
  updated_at: string;
}

export interface ApiTokenTable {
  id: string;
  workspace_id: string;
  agent_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface TeamTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: string;
}
export interface TeamMemberTable {
  team_id: string;
  agent_id: string;
}

export interface ChannelTable {
  id: string;
  workspace_id: string;
  kind: string;
  name: string;
  public_key: string;
  settings: string;
  credentials_enc: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface CustomerTable {
  id: string;
  workspace_id: string;
  name: string;
  email: string | null;
  created_at: string;
  tags: Generated<string>;
  vip: Generated<number>;
  merged_into: string | null;
  /** Set when the customer's personal data was erased (a privacy request). */
  erased_at: string | null;
}

export interface CustomerIdentityTable {
  id: string;
  customer_id: string;
  channel_id: string;
  external_id: string;
  handle: string | null;
  created_at: string;
}

export interface ConversationTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  customer_id: string;
  status: string;
  level: number;
  priority: number;
  sentiment: string | null;
  categories: string;
  tags: string;
  assignee_id: string | null;
  preview: string;
  last_message_at: string;
  waiting_since: string | null;
  /** waiting_since, or a far-future sentinel: a non-null sort key keeps ordering identical on both dialects */
  sort_wait: string;
  first_response_at: string | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
  flag: string | null;
  triage_reasons: string;
  /** `needs_look` | `competitor` (triage's mark on the newest customer message), or null. */
  triage_mark: string | null;
  team_id: string | null;
  last_customer_message_at: string | null;
  pending_since: string | null;
  paused_ms: Generated<number>;
  sla_announced: string | null;
  reply_mode: Generated<string>;
  /** The incident the conversation currently belongs to (incident_conversations keeps the history). */
  incident_id: string | null;
  /** Set while an agent below L3 owns this urgent conversation only to send its first reply (see docs/routing.md). */
  first_responder_id: string | null;
  /** The listening query that found the post this conversation began with (it did not tag the brand). */
  listening_query_id: string | null;
  /** The answer bot: `answered` (waiting on the customer after its answer), `handed_over`, or null (migration 026). */
  bot_state: string | null;
  bot_answered_at: string | null;
}

export interface MessageTable {
  id: string;
  conversation_id: string;
  kind: string;
  text: string;
  author_type: string;
  author_id: string | null;
  author_name: string;
  inbound_event_id: string | null;
  client_message_id: string | null;
  created_at: string;
  triage: string | null;
  meta: string | null;
  /** Set when the body was removed (data retention or the customer's erasure); the row stays for reports. */
  redacted_at: string | null;
}

/** The search index (migration 011): FTS5 on SQLite (`tokens` text), a tsvector on PostgreSQL. */
export interface MessageSearchTable {
  message_id: string;
  tokens: string;
  /** PostgreSQL only: the message's time, so a search can look at the newest messages first. */
  created_at: string;
}

export interface OutboxTable {
  id: string;
  message_id: string;
  channel_id: string;
  idempotency_key: string;
  status: string;
  attempts: number;
  last_error: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface InboundEventTable {
  id: string;
  channel_id: string;
  external_id: string;
  kind: string;
  payload: string;
  status: string;
  error: string | null;
  received_at: string;
  processed_at: string | null;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string | null;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: string;
}

export interface JobTable {
  id: string;
  queue: string;
  name: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  /** At most one queued job per key (unique partial index); see EnqueueOptions.dedupeKey. */
  dedupe_key: string | null;
  /** When a process last handed this queued job to BullMQ (jobs/bullmq.ts); unused by the embedded runner. */
  forwarded_at: string | null;
}

export interface TriageSettingsTable {
  workspace_id: string;
  phrases: string;
  model: string | null;
  /** The brand profile (JSON): brands, products, hashtags, competitors. */
  brands: string | null;
  corrections: number;
  updated_at: string;
}
export interface TriageCorrectionTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  agent_id: string;
  text: string;
  before: string;
  after: string;
  created_at: string;
}

export interface EscalationTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  direction: string;
  from_agent_id: string | null;
  from_level: number;
  to_level: number;
  to_team_id: string | null;
  to_agent_id: string | null;
  note: string;
  status: string;
  created_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  resolved_at: string | null;
}
export interface NotificationTable {
  id: string;
  workspace_id: string;
  agent_id: string;
  kind: string;
  conversation_id: string | null;
  title: string;
  body: string;
  urgent: number;
  created_at: string;
  read_at: string | null;
}
export interface WorkspaceSettingsTable {
  workspace_id: string;
  settings: string;
  updated_at: string;
}

export interface AutomationRuleTable {
  id: string;
  workspace_id: string;
  name: string;
  enabled: number;
  sort_order: number;
  event: string;
  conditions: string;
  actions: string;
  stop_processing: number;
  created_at: string;
  updated_at: string;
}
/** A saved reply: shared (owner_id null; automation can send these) or an agent's own. */
export interface ReplyTemplateTable {
  id: string;
  workspace_id: string;
  /** The title agents search by. */
  name: string;
  /** The text in its first language; `variants` holds the others by language code (JSON object). */
  body: string;
  owner_id: string | null;
  variants: string;
  usage_count: number;
  last_used_at: string | null;
  updated_at: string | null;
  created_at: string;
}

/** A one-time link for an agent's account: an invitation or a password reset (only the token's hash is kept). */
export interface AccountTokenTable {
  id: string;
  workspace_id: string;
  agent_id: string;
  kind: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_by: string | null;
  created_at: string;
}

/** A public reply held for a supervisor's approval. */
export interface ReplyApprovalTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  author_id: string;
  text: string;
  then_action: string | null;
  /** Why it needed approval: role, level or backlash. */
  reason: string;
  status: string;
  reviewer_id: string | null;
  note: string | null;
  message_id: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface CustomerMergeTable {
  id: string;
  workspace_id: string;
  target_id: string;
  source_id: string;
  identity_ids: string;
  conversation_ids: string;
  merged_by: string;
  created_at: string;
  undone_at: string | null;
}

export interface IncidentTable {
  id: string;
  workspace_id: string;
  title: string;
  status: string;
  categories: string;
  keywords: string;
  ack_ja: string;
  ack_en: string;
  auto_acknowledge: number;
  follow_up_ja: string | null;
  follow_up_en: string | null;
  declared_by: string;
  declared_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}
export interface IncidentConversationTable {
  incident_id: string;
  conversation_id: string;
  linked_at: string;
  linked_by: string | null;
  ack_claimed_at: string | null;
  acknowledged_at: string | null;
  ack_message_id: string | null;
  followed_up_at: string | null;
}
export interface SpikeAlertTable {
  id: string;
  workspace_id: string;
  category: string;
  observed: number;
  expected: number;
  at: string;
  incident_id: string | null;
}
/** New conversations per workspace, category and minute ('YYYY-MM-DDTHH:MM', UTC): what spike detection counts (029). */
export interface CategoryArrivalTable {
  workspace_id: string;
  category: string;
  minute: string;
  n: number;
}

export interface SpikeCooldownTable {
  workspace_id: string;
  category: string;
  last_alert_at: string | null;
}

/** Conversations per bucket ('' for no team, assignee or mark; only open ones by those), kept by triggers (017). */
export interface ConversationCountTable {
  workspace_id: string;
  status: string;
  flagged: number;
  channel_id: string;
  team_id: string;
  assignee_id: string;
  mark: string;
  n: number;
}
/** Moves between buckets not yet folded into conversation_counts (+1 entered, -1 left). */
export interface ConversationCountChangeTable extends ConversationCountTable {
  id: Generated<number>;
}

/** One conversation's figures for reports, recomputed whole when it changes (migration 018, src/desk/reports). */
export interface ConversationFactTable {
  conversation_id: string;
  workspace_id: string;
  created_at: string;
  channel_id: string;
  channel_kind: string;
  level: number;
  category: string;
  sentiment: string;
  team_id: string;
  agent_id: string;
  flag: string;
  status: string;
  public: number;
  customer_messages: number;
  agent_replies: number;
  first_response_ms: number | null;
  first_response_business_ms: number | null;
  sla_target_ms: number | null;
  /** met | breached | due (no reply yet; breached once `sla_due_at` passes) | none (no target) */
  sla: string;
  sla_due_at: string | null;
  next_responses: number;
  next_response_ms_total: number;
  resolution_ms: number | null;
  reopens: number;
  escalated_to: number;
  escalations: number;
  handoff_ms: number | null;
  computed_at: string;
  /** The latest answered satisfaction score (CSAT 1–5, NPS 0–10), else null. */
  csat: number | null;
  nps: number | null;
  /** The local day and hour the fact is counted under in `report_rollups`; null while it is not counted there. */
  rollup_day: string | null;
  rollup_hour: number | null;
}
export interface ConversationMsgDayTable {
  conversation_id: string;
  day: string;
  workspace_id: string;
  channel_id: string;
  customer: number;
  agent: number;
}
export interface ConversationReopenTable {
  conversation_id: string;
  at: string;
}
/**
 * The figures of one local day's conversations with one dimension value ('' / '' for all of them), as JSON, for the
 * whole desk (scope '') or one channel or level (`channel:<id>`, `level:<n>`).
 */
export interface ReportRollupTable {
  workspace_id: string;
  scope: string;
  day: string;
  dim: string;
  key: string;
  figures: string;
}
export interface ReportStaleTable {
  conversation_id: string;
  marked_at: string;
  version: number;
}

/** A satisfaction question asked when a conversation was resolved (CSAT) or the customer was due one (NPS). */
export interface SurveyTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  customer_id: string;
  channel_id: string;
  kind: string;
  agent_id: string | null;
  team_id: string | null;
  language: string;
  resolution_at: string;
  asked_at: string;
  answered_at: string | null;
  score: number | null;
  comment: string | null;
}

export interface WeeklySummaryTable {
  workspace_id: string;
  week: string;
  sent_at: string;
  recipients: number;
}

export interface ListeningQueryTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  name: string;
  /** JSON arrays of strings. */
  terms: string;
  exclusions: string;
  active: number;
  state: string;
  polled_at: string | null;
  paused_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ListenedPostTable {
  id: string;
  workspace_id: string;
  query_id: string;
  channel_id: string;
  external_id: string;
  author_name: string | null;
  author_handle: string | null;
  text: string;
  url: string | null;
  posted_at: string;
  found_at: string;
  level: number;
  sentiment: string;
  categories: string;
  flag: string | null;
  /** 1 when triage found the post is about a competitor named in the workspace's brand profile. */
  competitor: number;
  conversation_id: string | null;
}

/** A knowledge-base article: its Japanese and English versions side by side (either may be missing). */
export interface KbArticleTable {
  id: string;
  workspace_id: string;
  title_ja: string | null;
  body_ja: string | null;
  title_en: string | null;
  body_en: string | null;
  /** The ways customers ask, per language: a JSON array of strings; null when none (or the language is absent). */
  questions_ja: string | null;
  questions_en: string | null;
  category: string | null;
  /** JSON array of strings. */
  tags: string;
  /** 'draft' | 'published'. */
  status: string;
  author_id: string;
  updated_by: string;
  /** The latest revision's number. */
  revision: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

/** Every save of an article, with the whole content as it was (JSON). */
export interface KbRevisionTable {
  id: string;
  article_id: string;
  number: number;
  agent_id: string;
  created_at: string;
  content: string;
  restored_from: number | null;
}

/**
 * The articles' search index, one row per article and language. SQLite: an FTS5 table (title, body, article_id,
 * lang); PostgreSQL: (article_id, lang, tokens tsvector) with the title's tokens weighted A and the body's B.
 */
export interface KbSearchTable {
  article_id: string;
  lang: string;
  title: string;
  body: string;
  tokens: string;
}

export interface HelpCenterTable {
  workspace_id: string;
  /** 0 | 1. */
  enabled: number;
  slug: string;
  name: string | null;
  /** #rrggbb. */
  accent: string;
  updated_at: string;
}

export interface Database {
  workspaces: WorkspaceTable;
  agents: AgentTable;
  sessions: SessionTable;
  login_challenges: LoginChallengeTable;
  security_settings: SecuritySettingsTable;
  api_tokens: ApiTokenTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  channels: ChannelTable;
  customers: CustomerTable;
  customer_identities: CustomerIdentityTable;
  conversations: ConversationTable;
  messages: MessageTable;
  message_search: MessageSearchTable;
  outbox: OutboxTable;
  inbound_events: InboundEventTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  triage_settings: TriageSettingsTable;
  triage_corrections: TriageCorrectionTable;
  escalations: EscalationTable;
  notifications: NotificationTable;
  workspace_settings: WorkspaceSettingsTable;
  retention_settings: WorkspaceSettingsTable;
  automation_rules: AutomationRuleTable;
  reply_templates: ReplyTemplateTable;
  account_tokens: AccountTokenTable;
  reply_approvals: ReplyApprovalTable;
  customer_merges: CustomerMergeTable;
  incidents: IncidentTable;
  incident_conversations: IncidentConversationTable;
  spike_alerts: SpikeAlertTable;
  spike_cooldowns: SpikeCooldownTable;
  category_arrivals: CategoryArrivalTable;
  conversation_counts: ConversationCountTable;
  conversation_count_changes: ConversationCountChangeTable;
  conversation_facts: ConversationFactTable;
  conversation_msg_days: ConversationMsgDayTable;
  conversation_reopens: ConversationReopenTable;
  report_stale: ReportStaleTable;
  report_rollups: ReportRollupTable;
  surveys: SurveyTable;
  weekly_summaries: WeeklySummaryTable;
  listening_queries: ListeningQueryTable;
  listened_posts: ListenedPostTable;
  kb_articles: KbArticleTable;
  kb_revisions: KbRevisionTable;
  kb_search: KbSearchTable;
  help_centers: HelpCenterTable;
}
