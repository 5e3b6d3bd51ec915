// The one-script entry: registers every claims-* element.
import './components/claims-app/claims-app.ts';
import './components/claims-list/claims-list.ts';
import './components/claims-detail/claims-detail.ts';
import './components/claims-timeline/claims-timeline.ts';

export * from './index.ts';
