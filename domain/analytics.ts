// The staff's analytics as the API serves them and the console shows them: the panels, each at
// GET /api/v1/analytics/{panel} and together at GET /api/v1/analytics, and the longest period one
// request may span. It imports nothing, so the widget can bundle it.

export const ANALYTICS_PANELS = ['volume', 'times', 'money', 'deadlines', 'carriers', 'handlers'] as const;
export type AnalyticsPanel = (typeof ANALYTICS_PANELS)[number];

/** Two years and a day: a year against the one before, whichever day it starts. */
export const ANALYTICS_MAX_DAYS = 731;

/** How many claims at risk of missing their filing deadline the deadlines panel lists (the count is of all). */
export const AT_RISK_LISTED = 20;
