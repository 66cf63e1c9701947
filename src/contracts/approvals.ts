import { z } from 'zod';
import { PersonRef } from './common';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const APPROVAL_REASONS = ['role', 'level', 'backlash'] as const;

/** A public reply held for a supervisor: approve (optionally edited), or send back with a note. */
export const ApprovalSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  author: PersonRef,
  text: z.string(),
  /** What the author asked to do with the conversation once the reply goes out. */
  then: z.enum(['resolve', 'pending']).nullable(),
  reason: z.enum(APPROVAL_REASONS),
  status: z.enum(APPROVAL_STATUSES),
  reviewer: PersonRef.nullable(),
  /** The reviewer's note (required to send back). */
  note: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** In lists: the conversation's customer and preview. */
  conversation: z.object({ customerName: z.string(), preview: z.string(), channelKind: z.string() }).optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApprovalsQuery = z.object({ status: z.enum(APPROVAL_STATUSES).default('pending') });
export const ApproveBody = z.object({ text: z.string().trim().min(1).max(5000).optional() });
export const RejectBody = z.object({ note: z.string().trim().min(1, 'say what to change').max(1000) });

/** The send answer when the reply was held: 202 with the approval instead of 201 with the message. */
export const HeldReplySchema = z.object({ approval: ApprovalSchema });
