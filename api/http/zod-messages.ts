import { z } from 'zod';

// Plainer words than zod's defaults for the two mistakes people make most. Imported by
// everything that reports zod issues to a person (request validation, settings), so the
// messages do not depend on which module happened to load first.
/** "a number", "an array", "an object". */
const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

z.config({
  customError: (issue) => {
    if (issue.code === 'too_big' && issue.maximum === Number.MAX_SAFE_INTEGER) {
      return `must be at most ${Number.MAX_SAFE_INTEGER}`;
    }
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return 'is required';
    if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be ${withArticle(issue.expected)}`;
    return `must be ${withArticle(issue.expected)}, not ${issue.input === null ? 'null' : typeof issue.input}`;
  },
});
