import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { partialMatchKey } from '@tanstack/react-query';
import { accountQueries } from './account-queries';
import { adminChangedBy, adminQueries } from './admin-queries';
import { authQueries } from './auth-queries';
import { coverageQueries } from './coverage-queries';
import { invitationsQueries } from './invitations-queries';
import { populationsChangedBy, populationsQueries } from './populations-queries';
import { changedBy, queries } from './queries';
import { type ApiQuery, apiKey, apiKeyOfUrl, apiPrefix } from './query';
import { reportsQueries } from './reports-queries';
import { teachingChangedBy, teachingQueries } from './teaching-queries';

describe('apiKey', () => {
  it('is the path segments, decoded, then the query string without empty values, as strings', () => {
    expect(apiKey('/courses/a%2Fb%20%C3%A9', { lang: 'vi', page: 2, q: '', targetGroup: undefined })).toEqual(
      ['courses', 'a/b é', { lang: 'vi', page: '2' }],
    );
    expect(apiKey('/me/profile')).toEqual(['me', 'profile', {}]);
  });

  it('names the same request whatever the order of its parameters', () => {
    expect(JSON.stringify(apiKey('/admin/learners', { q: 'an', page: 1 }))).toBe(
      JSON.stringify(apiKey('/admin/learners', { page: 1, q: 'an' })),
    );
  });

  it('is what the request URL says', () => {
    expect(apiKeyOfUrl('/api/courses/abc?lang=en&page=3')).toEqual(
      apiKey('/courses/abc', { lang: 'en', page: 3 }),
    );
  });

  it('matches a family by prefix: a path with any parameters, or everything under a path', () => {
    const progress = apiKey('/me/courses/abc', { lang: 'vi' });
    expect(partialMatchKey(progress, apiKey('/me/courses/abc'))).toBe(true);
    expect(partialMatchKey(progress, apiPrefix('/me/courses'))).toBe(true);
    expect(partialMatchKey(progress, apiKey('/me/courses'))).toBe(false);
    expect(partialMatchKey(apiKey('/teaching/courses/x'), apiKey('/teaching/courses'))).toBe(false);
    expect(partialMatchKey(apiKey('/me/learning', { lang: 'en' }), apiPrefix('/me'))).toBe(true);
  });
});

/** Every GET operation the pages use, with awkward ids, and the single request its loader must send. */
const operations: Array<[string, ApiQuery<unknown>]> = [
  ['frameworks', queries.frameworks()],
  ['languages', queries.languages()],
  ['courses', queries.courses({ q: 'an toàn', page: 2, lang: 'vi', targetGroup: undefined })],
  ['course', queries.course('c 1/é', 'en')],
  ['myLearning', queries.myLearning('vi')],
  ['courseProgress', queries.courseProgress('c 1', 'vi')],
  ['lesson', queries.lesson('l/1', 'en')],
  ['notifications', queries.notifications('vi')],
  ['profile', queries.profile()],
  ['profilePrompt', queries.profilePrompt()],
  ['myMandates', queries.myMandates('en')],
  ['verifyCertificate', accountQueries.verifyCertificate('cert 1', 'vi')],
  ['myCertificates', accountQueries.myCertificates('en')],
  ['notificationPreferences', accountQueries.notificationPreferences()],
  ['units (provinces)', accountQueries.units(undefined)],
  ['units (under one)', accountQueries.units('01')],
  ['sessions', accountQueries.sessions()],
  ['organisations', accountQueries.organisations({ unitId: '01', q: 'trường', limit: 20 })],
  ['oidcProviders', authQueries.oidcProviders()],
  ['invitations', invitationsQueries.mine()],
  ['learners', adminQueries.learners({ q: 'an', page: 3, limit: 25 })],
  [
    'learners (filtered)',
    adminQueries.learners({ unitId: 'u 1', status: 'no-profile', targetGroup: 'citizens', page: 1 }),
  ],
  ['mandates', adminQueries.mandates({ status: 'all', q: 'an toàn', sort: 'title', page: 2 })],
  ['mandatePlace', adminQueries.mandatePlace('m 1', { sort: 'dueOn', order: 'desc' })],
  ['compliance', adminQueries.compliance('m 1', 'overdue')],
  ['mailOutbox', adminQueries.mailOutbox()],
  ['myRosterImports', adminQueries.myRosterImports()],
  ['teaching courses', teachingQueries.courses()],
  ['teaching course', teachingQueries.course('c/1')],
  ['indicators', coverageQueries.plans()],
  ['coverage', coverageQueries.coverage({ unitId: 'u 1', targetGroup: 'citizens', subGroup: 'age:16+' })],
  [
    'coverage trend',
    coverageQueries.trend({ organisationId: 'o/1', indicator: 'ND-80', from: '2025-07-01' }),
  ],
  ['coverage ranking', coverageQueries.ranking({ indicator: 'ND 80' })],
  ['population imports', populationsQueries.imports()],
  ['population import report', populationsQueries.importReport('i/1 é')],
  ['population figures', populationsQueries.figures({ unitId: 'u 1', period: '2025-Q3' })],
  ['teaching learners', teachingQueries.learners('c 1', { status: 'completed', page: 1, limit: 50 })],
  ['reports', reportsQueries.list({ status: 'ready', period: '2026-Q3' })],
  ['report', reportsQueries.report('r/1 é')],
];

describe('the key of each GET operation', () => {
  const realFetch = globalThis.fetch;
  let sent: string[];
  beforeEach(() => {
    sent = [];
    globalThis.fetch = (input: string | URL | Request) => {
      sent.push(String(input));
      return Promise.resolve(Response.json({ items: [], total: 0 }));
    };
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it.each(operations)('%s: is the request its loader sends', async (_name, operation) => {
    await operation.queryFn({ signal: new AbortController().signal });
    expect(sent).toHaveLength(1);
    expect(operation.queryKey).toEqual(apiKeyOfUrl(sent[0]!));
  });

  it('allCourses walks /courses page by page under a key of its own, kept for a minute', async () => {
    const all = queries.allCourses('vi');
    await all.queryFn({ signal: new AbortController().signal });
    expect(apiKeyOfUrl(sent[0]!)).toEqual(apiKey('/courses', { lang: 'vi', page: 1, limit: 50 }));
    expect(all.queryKey).toEqual(apiKey('/courses', { lang: 'vi', pages: 'all' }));
    expect(all.staleTime).toBe(60_000);
    // A published course reaches the admin pickers: publishing invalidates every catalogue key.
    expect(teachingChangedBy.published().some((prefix) => partialMatchKey(all.queryKey, prefix))).toBe(true);
  });
});

describe('what a write makes out of date', () => {
  const matches = (prefixes: ReadonlyArray<readonly unknown[]>, query: ApiQuery<unknown>) =>
    prefixes.some((prefix) => partialMatchKey(query.queryKey, prefix));

  it('progress in a course: its progress, My learning and the mandates, not other courses', () => {
    const prefixes = changedBy.progress('c 1');
    expect(matches(prefixes, queries.courseProgress('c 1', 'vi'))).toBe(true);
    expect(matches(prefixes, queries.myLearning('en'))).toBe(true);
    expect(matches(prefixes, queries.myMandates('vi'))).toBe(true);
    expect(matches(prefixes, queries.courseProgress('c 2', 'vi'))).toBe(false);
    expect(matches(prefixes, queries.course('c 1', 'vi'))).toBe(false);
    expect(matches(changedBy.enrolments(), queries.courseProgress('c 2', 'en'))).toBe(true);
  });

  it('the other writes name the answers they change', () => {
    expect(matches(adminChangedBy.mandate(), queries.myMandates('vi'))).toBe(true);
    expect(matches(adminChangedBy.mandateChange(), adminQueries.mandatePlace('m', {}))).toBe(true);
    expect(matches(adminChangedBy.mandateChange(), adminQueries.compliance('m', undefined))).toBe(true);
    expect(matches(adminChangedBy.mandateChange(), adminQueries.mandates({ page: 3 }))).toBe(true);
    expect(matches(adminChangedBy.mandateChange(), queries.myMandates('en'))).toBe(true);
    expect(matches(adminChangedBy.rosterImport(), adminQueries.compliance('m', undefined))).toBe(true);
    expect(matches(adminChangedBy.rosterImport(), adminQueries.myRosterImports())).toBe(true);
    expect(matches(adminChangedBy.directory(), accountQueries.units('01'))).toBe(true);
    expect(matches(adminChangedBy.registration(), adminQueries.learners({ page: 2 }))).toBe(true);
    expect(matches(changedBy.profile(), queries.profilePrompt())).toBe(true);
    // A population import: a check adds to the log only; an applied one changes the figures and the dashboards.
    expect(matches(populationsChangedBy.import(false), populationsQueries.imports())).toBe(true);
    expect(matches(populationsChangedBy.import(false), populationsQueries.figures({ unitId: 'u' }))).toBe(
      false,
    );
    expect(matches(populationsChangedBy.import(true), populationsQueries.figures({ unitId: 'u' }))).toBe(
      true,
    );
    expect(matches(populationsChangedBy.import(true), coverageQueries.coverage({ unitId: 'u' }))).toBe(true);
    expect(matches(populationsChangedBy.import(true), coverageQueries.ranking({ indicator: 'x' }))).toBe(
      true,
    );
    expect(matches(changedBy.profile(), queries.profile())).toBe(true);
    expect(matches(teachingChangedBy.course('c'), teachingQueries.course('c'))).toBe(true);
    expect(matches(teachingChangedBy.course('c'), teachingQueries.courses())).toBe(true);
    expect(matches(teachingChangedBy.published(), queries.lesson('l', 'vi'))).toBe(true);
    expect(matches(teachingChangedBy.published(), teachingQueries.course('c'))).toBe(false);
  });
});
