import { z } from 'zod';

// Plainer words than zod's defaults for the two mistakes people make most. Imported by
// everything that reports zod issues to a person (request validation, settings), so the
// messages do not depend on which module happened to load first.
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return 'is required';
    if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be a ${issue.expected}`;
    return `must be a ${issue.expected}, not ${issue.input === null ? 'null' : typeof issue.input}`;
  },
});
