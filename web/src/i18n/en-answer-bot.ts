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
    report: {
      title: 'Answer bot',
      note: 'Conversations the answer bot replied to in the period, and those then handed to a person',
      answered: 'Answered by the bot',
      deflected: 'Needed no person',
      handedOver: 'Handed over',
    },
  },
};
