/**
 * `npm run bench -- email`: emails rendered from the templates mjml compiled at build time
 * (createEmailRenderer().render, what the outbox worker does) against mjml run for every email
 * (renderWithMjmlEachTime), over every kind and language in turn. Budget: precompiled ≥ 100×
 * the emails per second of mjml per email.
 */
import { performance } from 'node:perf_hooks';
import { LANGUAGES } from '../domain/constants.ts';
import { CLAIM_EMAIL_KINDS, createEmailRenderer, type EmailInput } from '../api/email/render.ts';
import { sampleEmail } from '../api/testing/email-sample.ts';
import { renderWithMjmlEachTime } from '../api/testing/render-with-mjml.ts';
import { budgetTable, num, progress, ratio, round, type Budget, type PartReport } from './report.ts';

const BUDGET_RATIO = 100;
/** Each side renders for at least this long (and at least MIN_EMAILS emails). */
const WINDOW_MS = 2_000;
const MIN_EMAILS = 20;

const INPUTS: EmailInput[] = CLAIM_EMAIL_KINDS.flatMap((kind) =>
  LANGUAGES.flatMap((lang) => [true, false].map((withLink) => sampleEmail(kind, lang, withLink ? {} : { claimUrl: null }))),
);

/** Emails per second of `render` over INPUTS in turn; the output's length is kept so no call is optimised away. */
function rate(render: (email: EmailInput) => { html: string }): { perSecond: number; emails: number; bytes: number } {
  let emails = 0;
  let bytes = 0;
  const started = performance.now();
  while (performance.now() - started < WINDOW_MS || emails < MIN_EMAILS) {
    bytes += render(INPUTS[emails % INPUTS.length]!).html.length;
    emails++;
  }
  return { perSecond: (emails * 1000) / (performance.now() - started), emails, bytes };
}

export async function run(): Promise<PartReport> {
  progress('loading the templates compiled at build time (createEmailRenderer)');
  const loadStarted = performance.now();
  const renderer = createEmailRenderer();
  const loadMs = performance.now() - loadStarted;
  progress(`rendering from precompiled templates for ${WINDOW_MS / 1000} s`);
  rate(renderer.render); // warm-up: the first calls run cold code
  const precompiled = rate(renderer.render);
  progress(`rendering with mjml per email for ${WINDOW_MS / 1000} s`);
  const mjml = rate(renderWithMjmlEachTime);
  const speedup = precompiled.perSecond / mjml.perSecond;
  const budgets: Budget[] = [
    { name: 'precompiled vs mjml per email', target: `≥ ${BUDGET_RATIO}×`, value: `${speedup.toFixed(0)}×`, pass: speedup >= BUDGET_RATIO },
  ];
  return {
    name: 'email',
    tables: [
      {
        title: `email — ${INPUTS.length} emails (${CLAIM_EMAIL_KINDS.length} kinds × ${LANGUAGES.length} languages × with/without link) in turn`,
        head: ['renderer', 'emails/s', 'ms/email', 'vs mjml per email'],
        rows: [
          ['mjml per email (baseline)', num(mjml.perSecond, 1), num(1000 / mjml.perSecond, 2), '×1.00'],
          ['precompiled templates', num(precompiled.perSecond, 0), num(1000 / precompiled.perSecond, 4), ratio(precompiled.perSecond, mjml.perSecond)],
        ],
      },
      budgetTable('email — budget', budgets),
    ],
    notes: [`loading every template as compiled at build time took ${num(loadMs, 0)} ms (at start-up, once per process).`],
    results: {
      loadMs: round(loadMs, 0),
      precompiledPerSecond: round(precompiled.perSecond, 0),
      mjmlPerSecond: round(mjml.perSecond, 1),
      ratio: round(speedup, 1),
    },
    budgets,
  };
}
