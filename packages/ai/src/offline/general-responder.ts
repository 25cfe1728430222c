import type { OfflineRequest, OfflineResponder } from '../contracts.ts';

const TOPICS: { pattern: RegExp; steps: string[] }[] = [
  {
    pattern: /\b(plan|week|day|schedule|todo|to-do|priorit)/i,
    steps: [
      'List what must happen this week, then mark the one or two that matter most.',
      'Give each item an estimate; a day over your capacity will slip.',
      'Open the Planner to turn this into a week the planner agent can help with.',
    ],
  },
  {
    pattern: /\b(learn|study|course|skill|practice)/i,
    steps: [
      'Name what you want to be able to do, concretely, when you are done.',
      'Break it into sessions of 30–60 minutes and put the first three in your week.',
      'Review after a week: what stuck, what did not, and adjust the next sessions.',
    ],
  },
  {
    pattern: /\b(trip|travel|holiday|vacation|flight)/i,
    steps: [
      'Decide the dates and budget first; they rule out most options.',
      'Write down what you want from the trip (rest, food, hiking, culture).',
      'Shortlist three destinations that fit and compare them side by side.',
    ],
  },
  {
    pattern: /\b(job|career|interview|portfolio|cv|resume)/i,
    steps: [
      'Collect your last three projects and what you changed through each.',
      'Write one paragraph per project: the problem, your part, the result.',
      'Publish them in your Portfolio and link it where you apply.',
    ],
  },
];

/**
 * The general assistant without a model: it restates the question, offers concrete next steps
 * for the topics Waypoint knows, and says plainly that a model is not configured.
 */
export const generalOfflineResponder: OfflineResponder = (request) => {
  const question = lastUserText(request).trim();
  if (request.partialText) {
    return {
      type: 'text',
      text: '\n\n(The model stopped here; the rest of this answer is unavailable offline.)',
    };
  }
  if (!question) {
    return {
      type: 'text',
      text: 'What would you like to work on? Ask me about your plans, goals, learning or travel.',
    };
  }
  const topic = TOPICS.find((candidate) => candidate.pattern.test(question));
  const summary = question.length > 160 ? `${question.slice(0, 157)}…` : question;
  const lines = [`You asked: “${summary}”`, ''];
  if (topic) {
    lines.push('Here is a way to move forward:', '');
    topic.steps.forEach((step, index) => {
      lines.push(`${index + 1}. ${step}`);
    });
  } else {
    lines.push(
      'I can help most with plans, goals, learning, portfolio writing and travel. Try asking, for example, “help me plan my week around my goals”.',
    );
  }
  lines.push(
    '',
    '_Offline mode: no AI provider is configured, so this answer comes from built-in rules. Set `AI_CHAT_MODELS` and a provider key to talk to a model._',
  );
  return { type: 'text', text: lines.join('\n') };
};

export function lastUserText(request: OfflineRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    return message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
  }
  return '';
}
