// React components for every claims-* element (@claimdesk/widget/react), made with @lit/react:
// they set properties (`tokenProvider`, `claim`…) rather than attributes and take typed event
// props (`onClaimsSelect`…). Importing this module registers every element. A separate entry, so
// the script-tag bundle (claimdesk.js) carries neither React nor @lit/react; @lit/react is bundled
// into it and its types restated below, so a host needs nothing but React.
import * as React from 'react';
import { createComponent } from '@lit/react';
import { ClaimsApp as ClaimsAppElement } from './components/claims-app/claims-app.ts';
import { ClaimsChat as ClaimsChatElement } from './components/claims-chat/claims-chat.ts';
import { ClaimsConsole as ClaimsConsoleElement } from './components/claims-console/claims-console.ts';
import { ClaimsDetail as ClaimsDetailElement } from './components/claims-detail/claims-detail.ts';
import { ClaimsDocuments as ClaimsDocumentsElement } from './components/claims-documents/claims-documents.ts';
import { ClaimsHelp as ClaimsHelpElement } from './components/claims-help/claims-help.ts';
import { ClaimsApiKeys as ClaimsApiKeysElement } from './components/claims-api-keys/claims-api-keys.ts';
import { ClaimsWebhooks as ClaimsWebhooksElement } from './components/claims-webhooks/claims-webhooks.ts';
import { ClaimsAnalytics as ClaimsAnalyticsElement } from './components/claims-analytics/claims-analytics.ts';
import { ClaimsList as ClaimsListElement } from './components/claims-list/claims-list.ts';
import { ClaimsNotifications as ClaimsNotificationsElement } from './components/claims-notifications/claims-notifications.ts';
import { ClaimsSettings as ClaimsSettingsElement } from './components/claims-settings/claims-settings.ts';
import { ClaimsTimeline as ClaimsTimelineElement } from './components/claims-timeline/claims-timeline.ts';
import type * as Events from './events/index.ts';

/** The element's own properties (`apiBase`, `tokenProvider`, `claimId`…), each optional. */
type ElementProps<E extends HTMLElement> = Partial<Omit<E, keyof HTMLElement>>;

/**
 * The props of the React component for element `E` firing `Fired` (prop name → event): React's
 * HTML attributes, the element's properties and a typed listener per event. As @lit/react's
 * `ReactWebComponent`.
 */
export type ClaimsComponentProps<E extends HTMLElement, Fired extends Record<string, Event>> = Omit<
  React.HTMLAttributes<E>,
  keyof Fired | keyof ElementProps<E>
> & { [P in keyof Fired]?: (event: Fired[P]) => void } & ElementProps<E>;

/** A React component wrapping a claims-* element; its ref is the element. */
export type ClaimsComponent<E extends HTMLElement, Fired extends Record<string, Event>> = React.ForwardRefExoticComponent<
  ClaimsComponentProps<E, Fired> & React.RefAttributes<E>
>;

/** Every claims-* event type, by the React prop that listens to it. */
interface EventProps {
  onClaimsSelect: Events.ClaimsSelectEvent;
  onClaimsBack: Events.ClaimsBackEvent;
  onClaimsAccepted: Events.ClaimsAcceptedEvent;
  onClaimsDeclined: Events.ClaimsDeclinedEvent;
  onClaimsAccept: Events.ClaimsAcceptEvent;
  onClaimsDecline: Events.ClaimsDeclineEvent;
  onClaimsUpload: Events.ClaimsUploadEvent;
  onClaimsError: Events.ClaimsErrorEvent;
  onClaimsLiveEvent: Events.ClaimsLiveEvent;
  onClaimsAssigned: Events.ClaimsAssignedEvent;
  onClaimsTransitioned: Events.ClaimsTransitionedEvent;
  onClaimsDocumentUploaded: Events.ClaimsDocumentUploadedEvent;
  onClaimsDocumentReviewed: Events.ClaimsDocumentReviewedEvent;
  onClaimsMessageSent: Events.ClaimsMessageSentEvent;
  onClaimsNotificationOpen: Events.ClaimsNotificationOpenEvent;
  onClaimsHelpRequested: Events.ClaimsHelpRequestedEvent;
  onClaimsQueueRequested: Events.ClaimsQueueRequestedEvent;
}

/** The name of the event each prop listens to. */
const EVENTS: { [P in keyof EventProps]: string } = {
  onClaimsSelect: 'claims-select',
  onClaimsBack: 'claims-back',
  onClaimsAccepted: 'claims-accepted',
  onClaimsDeclined: 'claims-declined',
  onClaimsAccept: 'claims-accept',
  onClaimsDecline: 'claims-decline',
  onClaimsUpload: 'claims-upload',
  onClaimsError: 'claims-error',
  onClaimsLiveEvent: 'claims-live-event',
  onClaimsAssigned: 'claims-assigned',
  onClaimsTransitioned: 'claims-transitioned',
  onClaimsDocumentUploaded: 'claims-document-uploaded',
  onClaimsDocumentReviewed: 'claims-document-reviewed',
  onClaimsMessageSent: 'claims-message-sent',
  onClaimsNotificationOpen: 'claims-notification-open',
  onClaimsHelpRequested: 'claims-help-requested',
  onClaimsQueueRequested: 'claims-queue-requested',
};

/** The React component for the element registered as `tagName`, with a listener prop for each of `events`. */
function wrap<E extends HTMLElement, P extends keyof typeof EVENTS>(
  tagName: string,
  elementClass: new () => E,
  ...events: P[]
): ClaimsComponent<E, Pick<EventProps, P>> {
  const listened = Object.fromEntries(events.map((prop) => [prop, EVENTS[prop]]));
  // The same type as createComponent's, restated: TypeScript relates the two for each element
  // but gives up on the generic one.
  return createComponent({ react: React, tagName, elementClass, events: listened }) as unknown as ClaimsComponent<E, Pick<EventProps, P>>;
}

// Each with the events its element documents (`@fires`).
export const ClaimsApp = wrap(
  'claims-app',
  ClaimsAppElement,
  'onClaimsSelect',
  'onClaimsBack',
  'onClaimsAccept',
  'onClaimsAccepted',
  'onClaimsDecline',
  'onClaimsDeclined',
  'onClaimsUpload',
  'onClaimsNotificationOpen',
  'onClaimsHelpRequested',
  'onClaimsError',
  'onClaimsLiveEvent',
);
export const ClaimsList = wrap('claims-list', ClaimsListElement, 'onClaimsSelect', 'onClaimsError', 'onClaimsLiveEvent');
export const ClaimsDetail = wrap(
  'claims-detail',
  ClaimsDetailElement,
  'onClaimsAccept',
  'onClaimsAccepted',
  'onClaimsDecline',
  'onClaimsDeclined',
  'onClaimsBack',
  'onClaimsHelpRequested',
  'onClaimsUpload',
  'onClaimsDocumentUploaded',
  'onClaimsDocumentReviewed',
  'onClaimsMessageSent',
  'onClaimsError',
  'onClaimsLiveEvent',
);
export const ClaimsTimeline = wrap('claims-timeline', ClaimsTimelineElement, 'onClaimsError', 'onClaimsLiveEvent');
export const ClaimsDocuments = wrap(
  'claims-documents',
  ClaimsDocumentsElement,
  'onClaimsUpload',
  'onClaimsDocumentUploaded',
  'onClaimsDocumentReviewed',
  'onClaimsError',
  'onClaimsLiveEvent',
);
export const ClaimsChat = wrap('claims-chat', ClaimsChatElement, 'onClaimsMessageSent', 'onClaimsUpload', 'onClaimsDocumentUploaded', 'onClaimsError', 'onClaimsLiveEvent');
export const ClaimsNotifications = wrap(
  'claims-notifications',
  ClaimsNotificationsElement,
  'onClaimsNotificationOpen',
  'onClaimsError',
  'onClaimsLiveEvent',
);
export const ClaimsSettings = wrap('claims-settings', ClaimsSettingsElement, 'onClaimsError', 'onClaimsLiveEvent');
export const ClaimsConsole = wrap(
  'claims-console',
  ClaimsConsoleElement,
  'onClaimsSelect',
  'onClaimsAssigned',
  'onClaimsTransitioned',
  'onClaimsQueueRequested',
  'onClaimsError',
  'onClaimsLiveEvent',
);
export const ClaimsHelp = wrap('claims-help', ClaimsHelpElement, 'onClaimsError');
export const ClaimsApiKeys = wrap('claims-api-keys', ClaimsApiKeysElement, 'onClaimsError', 'onClaimsLiveEvent');
export const ClaimsWebhooks = wrap('claims-webhooks', ClaimsWebhooksElement, 'onClaimsError', 'onClaimsLiveEvent');
export const ClaimsAnalytics = wrap('claims-analytics', ClaimsAnalyticsElement, 'onClaimsQueueRequested', 'onClaimsError');
