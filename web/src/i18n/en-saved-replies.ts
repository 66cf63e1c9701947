import type { jaSavedReplies } from './ja-saved-replies';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const enSavedReplies: Strings<typeof jaSavedReplies> = {
  savedReplies: {
    nav: 'Saved replies',
    title: 'Saved replies',
    intro:
      'Replies you insert with "/" in the composer; variables are filled for each customer. Shared replies are for the whole team (supervisors and admins edit them); personal ones are yours alone.',
    open: 'Saved replies',
    openHint: 'Insert a saved reply ("/" in the reply box)',
    search: 'Search saved replies…',
    none: 'No saved reply matches',
    empty: 'No saved replies yet.',
    manage: 'Manage saved replies',
    shared: 'Shared',
    personal: 'Personal',
    uses: 'Used {{count}} times',
    englishVersion: 'English version',
    japaneseVersion: 'Japanese version',
    insert: 'Insert',
    pickHint: '↑↓ to choose · Enter to insert · Esc to close',
    promptsTitle: 'Fill these in first',
    add: 'Add a saved reply',
    edit: 'Edit',
    delete: 'Delete',
    deleteConfirm: 'Delete "{{title}}"?',
    save: 'Save',
    cancel: 'Cancel',
    fieldTitle: 'Title',
    fieldJa: 'Text (Japanese)',
    fieldEn: 'Text (English)',
    fieldShared: 'Share with the team',
    bodyHint: "At least one is required; the customer's language decides which is used.",
    variablesTitle: 'Variables',
    variables: {
      customerName: "Customer's name",
      agentName: 'Your name',
      conversationId: 'Reference number',
      orderNumber: 'Order number found in the conversation',
      orderDate: 'Date found in the conversation',
      ask: 'Asked when inserting (e.g. delivery date)',
    },
    owner: "{{name}}'s personal reply",
    errorUnknownVariable: 'Unknown variable: {{detail}}',
  },
};
