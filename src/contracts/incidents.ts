import { z } from 'zod';
import { PersonRef } from './common';
import { INCIDENT_FILTERS, INCIDENT_STATUSES } from './incident-values';
import { CHANNEL_KINDS, CONVERSATION_STATUSES, URGENT_CATEGORIES } from './values';

/** The urgent triage categories (money, service, product safety, reputation): what an incident can be about. */
const UrgentCategory = z.enum([...URGENT_CATEGORIES] as [string, ...string[]]);
/** Optional text: empty when left out. */
const Text = z.string().trim().max(1000).default('');

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  categories: z.array(z.string()),
  /** A linked conversation's first customer message holds at least one of them (none: the categories decide). */
  keywords: z.array(z.string()),
  /** The approved acknowledgement in Japanese and English; the customer's language picks one. */
  ackJa: z.string(),
  ackEn: z.string(),
  /** New matching conversations get the acknowledgement as their first reply without an agent. */
  autoAcknowledge: z.boolean(),
  /** The follow-up sent when the incident was resolved (null while open). */
  followUpJa: z.string().nullable(),
  followUpEn: z.string().nullable(),
  declaredBy: PersonRef,
  declaredAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Conversations linked to the incident. */
  linkedCount: z.number().int(),
  /** Linked conversations whose customer has had a first response. */
  acknowledgedCount: z.number().int(),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** A conversation linked to an incident. */
export const IncidentConversationSchema = z.object({
  id: z.string(),
  customerName: z.string(),
  channelType: z.enum(CHANNEL_KINDS),
  status: z.enum(CONVERSATION_STATUSES),
  preview: z.string(),
  firstResponseAt: z.string().nullable(),
  createdAt: z.string(),
});
export type IncidentConversation = z.infer<typeof IncidentConversationSchema>;

/** An incident with its linked conversations, oldest first. */
export const IncidentDetailSchema = IncidentSchema.extend({ conversations: z.array(IncidentConversationSchema) });
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/** One category arriving much faster than usual (src/incidents/spike.ts). */
export const SpikeAlertSchema = z.object({
  id: z.string(),
  category: z.string(),
  /** Conversations of the category in the spike window. */
  observed: z.number().int(),
  /** What the 24-hour baseline predicts for the window. */
  expected: z.number(),
  at: z.string(),
  /** The incident declared for it, if any. */
  incidentId: z.string().nullable(),
});
export type SpikeAlert = z.infer<typeof SpikeAlertSchema>;

export const IncidentListQuery = z.object({ status: z.enum(INCIDENT_FILTERS).default('open') });
export const SpikeListQuery = z.object({ sinceHours: z.coerce.number().int().min(1).max(720).default(24) });

export const DeclareIncidentBody = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(120),
    categories: z.array(UrgentCategory).min(1, 'name at least one category').max(URGENT_CATEGORIES.size),
    keywords: z.array(z.string().trim().min(1, 'must not be empty').max(40)).max(20).default([]),
    ackJa: Text,
    ackEn: Text,
    autoAcknowledge: z.boolean().default(true),
    /** Link the matching open conversations created this many minutes back. */
    linkSinceMinutes: z.number().int().min(1).max(1440).default(60),
  })
  .refine((b) => b.ackJa !== '' || b.ackEn !== '', {
    message: 'write the acknowledgement in Japanese, English or both',
    path: ['ackJa'],
  });
export type DeclareInput = z.input<typeof DeclareIncidentBody>;

/** Acknowledgements sent, and linked conversations left out (closed, or the send failed); answered ones count in neither. */
export const AcknowledgeResultSchema = z.object({ sent: z.number().int(), skipped: z.number().int() });
export type AcknowledgeResult = z.infer<typeof AcknowledgeResultSchema>;

export const ResolveIncidentBody = z
  .object({ followUpJa: Text, followUpEn: Text })
  .refine((b) => b.followUpJa !== '' || b.followUpEn !== '', {
    message: 'write the follow-up in Japanese, English or both',
    path: ['followUpJa'],
  });
export type ResolveInput = z.input<typeof ResolveIncidentBody>;

export const LinkConversationsBody = z.object({
  conversationIds: z.array(z.string().min(1).max(100)).min(1).max(500),
});
