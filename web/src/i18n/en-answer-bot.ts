import type { Resources } from './ja';

export const enAnswerBot: Pick<Resources, 'answerBot'> = {
  answerBot: {
    setting: 'Answer bot',
    settingHelp:
      'Answers common questions automatically from published knowledge-base articles (marked "Automatic answer", with a "Talk to a person" button). Complaints, urgent or negative messages and questions it is unsure of still come to the team.',
    settingFailed: 'The answer bot setting could not be changed',
    suggestions: 'Suggested articles',
    suggestionsHint: "Published articles matching the customer's last message (in the customer's language).",
    insertLink: 'Insert link',
    insertExcerpt: 'Insert excerpt',
    noSuggestions: 'No matching article',
    llm: {
      heading: 'Reply drafts (language model)',
      help: 'When the server has a language model (KOE_LLM_URL), agents can have a reply drafted from the conversation and the suggested articles. A draft only fills the composer; agents always send themselves.',
      enable: 'Let agents draft replies with the language model',
      draft: 'Draft a reply',
      drafting: 'Drafting…',
    },
    report: {
      title: 'Answer bot',
      note: 'Conversations the answer bot replied to in the period, and those then handed to a person',
      answered: 'Answered by the bot',
      deflected: 'Needed no person',
      handedOver: 'Handed over',
    },
  },
};
