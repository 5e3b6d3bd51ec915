// What a claim's timeline says of each event, typed so that every claim event type is either
// worded or off the timeline: one table per language (timeline.es.ts, timeline.en.ts…, loaded
// with the elements that show events, not at start; `timelineCatalogue` below), read by <claims-timeline> for the loaded list and for what arrives live alike, so a reload shows what
// was shown live. The types the timeline leaves out are domain/constants.ts'
// OFF_TIMELINE_EVENT_TYPES, which GET /claims/{id}/events leaves out too.
import { OFF_TIMELINE_EVENT_TYPES, type ClaimEventType, type TimelineEventType } from '../../domain/constants.ts';
import { Catalogue } from '../internal/catalogue.ts';
import type { ClaimEvent, ClaimEventData } from '../internal/types.ts';

/**
 * What an entry of each type needs of its event's data to be worded: the API always sends it
 * with that type, and the types make the wording rely on it (no "?" for a missing status or name).
 */
const NEEDS = {
  'claim.created': [],
  'claim.accepted': [],
  'claim.declined': [],
  'claim.transitioned': ['to'],
  'claim.assigned': ['handler'],
  'claim.amended': ['changes'],
  'document.requested': ['document'],
  'document.waived': ['document'],
  'document.uploaded': ['document'],
  'document.removed': ['document'],
  'document.reviewed': ['document', 'decision'],
  'claim.deadline_approaching': ['hoursLeft'],
} as const satisfies { [K in TimelineEventType]: ReadonlyArray<keyof ClaimEventData> };

/** A claim event of a type the timeline shows, with the data its wording needs. */
export type TimelineEvent<K extends TimelineEventType = TimelineEventType> = K extends TimelineEventType
  ? Omit<ClaimEvent, 'type' | 'data'> & {
      type: K;
      data: ClaimEventData & { [F in (typeof NEEDS)[K][number]]-?: NonNullable<ClaimEventData[F]> };
    }
  : never;

/**
 * The timeline's wording, by event type: a function for each type it shows, null for each it
 * leaves out (OFF_TIMELINE_EVENT_TYPES). A new claim event type fails `tsc` here until it is
 * worded in every language or listed off the timeline in domain/.
 */
export type TimelineTranslation = {
  [K in ClaimEventType]: K extends TimelineEventType ? (event: TimelineEvent<K>) => string : null;
} & {
  /** The operator's backend, shown as an entry's actor instead of the log's English name (domain/actors.ts). */
  hostSystem: string;
};

const OFF: ReadonlySet<string> = new Set(OFF_TIMELINE_EVENT_TYPES);

/**
 * Whether `event` has an entry on the timeline: a type the timeline shows, with the data its
 * wording needs (an event without it, which this API never sends, is left out rather than shown
 * with a gap).
 */
export function isOnTimeline(event: ClaimEvent): event is TimelineEvent {
  if (OFF.has(event.type) || !Object.hasOwn(NEEDS, event.type)) return false;
  return NEEDS[event.type as TimelineEventType].every((field: keyof ClaimEventData) => event.data[field] != null);
}

/** What the timeline says of `event` in the language of `wording`; null when it is not on the timeline. */
export function timelineText(wording: TimelineTranslation, event: ClaimEvent): string | null {
  if (!isOnTimeline(event)) return null;
  // The table's function for the event's own type: TimelineTranslation pairs each with its event.
  return (wording[event.type] as (event: TimelineEvent) => string)(event);
}

/** The timeline's wording: one chunk per language (languages.ts), loaded with the elements that show events. */
export const timelineCatalogue = new Catalogue<TimelineTranslation>({
  es: () => import('./timeline.es.ts').then((m) => m.timelineEs),
  en: () => import('./timeline.en.ts').then((m) => m.timelineEn),
  pt: () => import('./timeline.pt.ts').then((m) => m.timelinePt),
  fr: () => import('./timeline.fr.ts').then((m) => m.timelineFr),
  de: () => import('./timeline.de.ts').then((m) => m.timelineDe),
  it: () => import('./timeline.it.ts').then((m) => m.timelineIt),
  ca: () => import('./timeline.ca.ts').then((m) => m.timelineCa),
});
