import { describe, expect, it } from '@jest/globals';
import type { UnitItem } from '../../api/access-types';
import { type MandateForm, mandateProblems, toMandateInput } from './mandate-form';

const commune: UnitItem = {
  id: 'u1',
  code: 'DEMO01',
  level: 'commune',
  name: 'Xã Mẫu Một',
  path: '/DEMO/DEMO01/',
  parent_id: 'p',
  valid_from: '2025-07-01',
  valid_to: null,
  successor_codes: [],
};
/** 10:00 on 28 November 2026 in Hanoi. */
const today = new Date('2026-11-28T03:00:00Z');
const good: MandateForm = {
  title: '  An toàn trên mạng ',
  courseIds: ['online-scams'],
  unit: commune,
  targetGroup: '',
  dueOn: '2026-12-28',
  graceDays: '',
};

describe('mandate form', () => {
  it('accepts a complete form and sends what the api expects', () => {
    expect(mandateProblems(good, today)).toEqual([]);
    expect(toMandateInput(good)).toEqual({
      title: 'An toàn trên mạng',
      courseIds: ['online-scams'],
      unitId: 'u1',
      organisationId: null,
      targetGroup: null,
      dueOn: '2026-12-28',
      graceDays: 0,
    });
  });

  it('aims at one organisation of the unit instead of the whole unit when one is chosen', () => {
    const organisation = { id: 'o1', name: 'Uỷ ban nhân dân Xã Mẫu Một' };
    expect(mandateProblems({ ...good, organisation }, today)).toEqual([]);
    expect(toMandateInput({ ...good, organisation })).toMatchObject({ unitId: null, organisationId: 'o1' });
    expect(toMandateInput({ ...good, organisation: null })).toMatchObject({
      unitId: 'u1',
      organisationId: null,
    });
  });

  it('lists every missing field in form order', () => {
    const empty: MandateForm = { title: '', courseIds: [], targetGroup: '', dueOn: '', graceDays: '-1' };
    expect(mandateProblems(empty, today)).toEqual([
      ['title', 'titleRequired'],
      ['courseIds', 'coursesRequired'],
      ['unit', 'unitRequired'],
      ['dueOn', 'dueRequired'],
      ['graceDays', 'graceInvalid'],
    ]);
  });

  it('refuses a due date in the past but allows today', () => {
    expect(mandateProblems({ ...good, dueOn: '2026-11-27' }, today)).toEqual([['dueOn', 'duePast']]);
    expect(mandateProblems({ ...good, dueOn: '2026-11-28' }, today)).toEqual([]);
  });

  it('judges "in the past" on the Vietnam calendar, not the browser\'s', () => {
    // 00:30 on 28 November in Hanoi is still 27 November in UTC (and in most browsers' zones west of Vietnam).
    const justAfterMidnightInHanoi = new Date('2026-11-27T17:30:00Z');
    expect(mandateProblems({ ...good, dueOn: '2026-11-27' }, justAfterMidnightInHanoi)).toEqual([
      ['dueOn', 'duePast'],
    ]);
    // 23:30 on 27 November in Hanoi: the 27th is still today there.
    const justBeforeMidnightInHanoi = new Date('2026-11-27T16:30:00Z');
    expect(mandateProblems({ ...good, dueOn: '2026-11-27' }, justBeforeMidnightInHanoi)).toEqual([]);
  });

  it('allows 0 to 365 whole grace days', () => {
    expect(mandateProblems({ ...good, graceDays: '365' }, today)).toEqual([]);
    expect(mandateProblems({ ...good, graceDays: '366' }, today)).toEqual([['graceDays', 'graceInvalid']]);
    expect(mandateProblems({ ...good, graceDays: '2.5' }, today)).toEqual([['graceDays', 'graceInvalid']]);
    expect(toMandateInput({ ...good, graceDays: '7' }).graceDays).toBe(7);
  });
});
