import type { Resources } from './ja';

export const enCustomers: Pick<Resources, 'retention' | 'merge' | 'amplify'> = {
  retention: {
    heading: 'Data retention',
    help: 'Remove customers’ messages after a period. Conversations stay, for the counts and response times in reports.',
    enabled: 'Remove customers’ messages after a period',
    days: 'Days to keep',
    whatHappens:
      'Customers’ messages older than {{days}} days lose their text and attachments, shown as “removed”, and no longer appear in search. Applied every hour; it cannot be undone.',
    off: 'Off: customers’ messages are kept.',
    save: 'Save retention',
    saved: 'Retention setting saved.',
  },
  merge: {
    title: 'Possibly the same person',
    help: 'Combine the same person on different channels into one customer. Conversations and IDs move over; you can undo it later.',
    reasonSameEmail: 'Same email address',
    reasonSameName: 'Same name on another channel',
    merge: 'Merge',
    confirmBody: 'The IDs and conversations of “{{source}}” move to “{{target}}”. You can undo the merge later.',
    confirm: 'Merge',
    cancel: 'Cancel',
    history: 'Merged',
    mergedAt: 'Merged {{name}} · {{time}}',
    undo: 'Undo merge',
  },
  amplify: {
    like: 'Like',
    repost: 'Repost',
    likeTooltip: 'Likes publicly (visible to everyone)',
    repostTooltip: 'Reposts publicly (shown to your followers)',
    liked: 'Liked',
    reposted: 'Reposted',
    failed: 'Could not do that',
  },
};
