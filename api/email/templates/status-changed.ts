import { facts, paragraph, type EmailTemplate } from './layout.ts';

const money = ({ amountCents, currency }: { amountCents: number; currency: string }, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountCents / 100);

/**
 * The claim moved: where it is now, what that means for the customer, and how it got there — from
 * what to what for one change, how many changes for a burst folded into one email. Once resolved,
 * what the claim got comes first: it is why the email was sent.
 */
export const statusChanged: EmailTemplate = {
  blocks: (copy) => [
    paragraph('intro'),
    facts([
      [copy.labels.reference, 'reference'],
      [copy.labels.status, 'status'],
    ]),
    paragraph('guidance'),
  ],
  action: (copy) => copy.statusChanged.action,
  content: ({ claim, data, count }, copy) => {
    // Where the claim is as the email goes, not where the first change of its burst took it.
    const now = claim.status;
    const outcome = claim.outcome && copy.statusChanged.outcome(copy.outcome[claim.outcome.result], claim.outcome.result === 'denied' ? null : money(claim.outcome, copy.locale));
    const guidance = outcome ? `${outcome} ${copy.guidance[now]}` : copy.guidance[now];
    // One change "from → to" only while that is where the claim still is.
    const intro =
      count === 1 && data.from && data.status === now
        ? copy.statusChanged.moved(claim.reference, copy.status[data.from], copy.status[now])
        : copy.statusChanged.now(claim.reference, count, copy.status[now]);
    return {
      subject: copy.statusChanged.subject(claim.reference, copy.status[now]),
      preheader: guidance,
      heading: copy.statusChanged.heading(count),
      slots: { intro, reference: claim.reference, status: copy.status[now], guidance },
    };
  },
};
