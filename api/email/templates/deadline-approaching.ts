import { facts, paragraph, words, type EmailTemplate } from './layout.ts';

const HOUR_MS = 3_600_000;

/** The filing deadline is close: when it ends, in the recipient's language and the deadline country's clock. */
export const deadlineApproaching: EmailTemplate = {
  blocks: (copy) => [
    paragraph('intro'),
    facts([
      [copy.labels.reference, 'reference'],
      [copy.labels.deadline, 'deadline'],
      [copy.labels.timeLeft, 'timeLeft'],
    ]),
    words(copy.deadlineApproaching.ask),
  ],
  action: (copy) => copy.deadlineApproaching.action,
  content: ({ claim, data }, copy) => {
    const deadlineAt = data.deadlineAt ?? claim.deadlineAt;
    const hoursLeft = data.hoursLeft ?? Math.max(0, Math.floor((Date.parse(deadlineAt) - Date.now()) / HOUR_MS));
    const deadline = dateFormat(copy.locale, claim.deadlineTimeZone).format(new Date(deadlineAt));
    const hours = copy.hours(hoursLeft);
    return {
      subject: copy.deadlineApproaching.subject(claim.reference, hours),
      preheader: copy.deadlineApproaching.intro(claim.reference, deadline, hours),
      heading: copy.deadlineApproaching.heading,
      slots: {
        intro: copy.deadlineApproaching.intro(claim.reference, deadline, hours),
        reference: claim.reference,
        deadline,
        timeLeft: hours,
      },
    };
  },
};

// Building a formatter costs more than filling a whole email: one per locale and clock.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return format;
}
