import { z } from 'zod';

// Plainer words than zod's defaults for the mistakes people make most. Imported by
// everything that reports zod issues to a person (request validation, settings), so the
// messages do not depend on which module happened to load first.
/** "a number", "an array", "an object". */
const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

z.config({
  customError: (issue) => {
    if (issue.code === 'too_big' && issue.maximum === Number.MAX_SAFE_INTEGER) {
      return `must be at most ${Number.MAX_SAFE_INTEGER}`;
    }
    // An enum's own message, where its schema gives one, wins over this.
    if (issue.code === 'invalid_value' && issue.values.every((value) => typeof value === 'string')) return `must be one of ${issue.values.join(', ')}`;
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return 'is required';
    if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be ${withArticle(issue.expected)}`;
    const given = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input;
    return `must be ${withArticle(issue.expected)}, not ${given}`;
  },
});
