import { describe, expect, it } from '@jest/globals';
import type { Mandate, UnitItem } from '../../api/access-types';
import {
  type MandateForm,
  mandateEditProblems,
  mandateFormOf,
  mandateProblems,
  toMandateEdit,
  toMandateInput,
} from './mandate-form';

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
  description: '',
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
      description: '',
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
    const empty: MandateForm = {
      title: '',
      description: 'x'.repeat(2001),
      courseIds: [],
      targetGroup: '',
      dueOn: '',
      graceDays: '-1',
    };
    expect(mandateProblems(empty, today)).toEqual([
      ['title', 'titleRequired'],
      ['description', 'descriptionTooLong'],
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

describe('mandate edit form', () => {
  const mandate: Mandate = {
    id: 'm1',
    title: 'An toàn trên mạng',
    courseIds: ['online-scams', 'digital-id'],
    unitId: 'u1',
    unitPath: '/DEMO/DEMO01/',
    organisationId: null,
    targetGroup: 'citizens',
    dueOn: '2026-11-20',
    graceDays: 3,
    description: 'Quý IV',
    version: 4,
    status: 'active',
    cancelledAt: null,
  };
  const reason = ' Thêm khóa học mới ';

  it('starts from the mandate as it is, and an unchanged form is refused as no change', () => {
    const form = mandateFormOf(mandate);
    expect(form).toEqual({
      title: 'An toàn trên mạng',
      description: 'Quý IV',
      courseIds: ['online-scams', 'digital-id'],
      targetGroup: 'citizens',
      dueOn: '2026-11-20',
      graceDays: '3',
    });
    expect(mandateEditProblems(form, reason, mandate, today)).toEqual([['title', 'noChange']]);
    // The courses in another order are the same courses.
    const reordered = { ...form, courseIds: ['digital-id', 'online-scams'] };
    expect(mandateEditProblems(reordered, reason, mandate, today)).toEqual([['title', 'noChange']]);
  });

  it('sends the version, the trimmed reason and only what changed', () => {
    const form = {
      ...mandateFormOf(mandate),
      title: 'An toàn trên mạng – quý IV ',
      courseIds: ['online-scams'],
    };
    expect(mandateEditProblems(form, reason, mandate, today)).toEqual([]);
    expect(toMandateEdit(form, reason, mandate)).toEqual({
      version: 4,
      reason: 'Thêm khóa học mới',
      title: 'An toàn trên mạng – quý IV',
      courseIds: ['online-scams'],
    });
    const later = { ...mandateFormOf(mandate), dueOn: '2026-12-31', graceDays: '', description: '' };
    expect(toMandateEdit(later, reason, mandate)).toEqual({
      version: 4,
      reason: 'Thêm khóa học mới',
      description: '',
      dueOn: '2026-12-31',
      graceDays: 0,
    });
  });

  it('keeps a past due date that is not moved, refuses moving it into the past', () => {
    // The mandate's due date (20 November) is already past on 28 November: other edits still go through.
    const renamed = { ...mandateFormOf(mandate), title: 'Tên mới' };
    expect(mandateEditProblems(renamed, reason, mandate, today)).toEqual([]);
    const moved = { ...mandateFormOf(mandate), dueOn: '2026-11-27' };
    expect(mandateEditProblems(moved, reason, mandate, today)).toEqual([['dueOn', 'duePast']]);
    expect(mandateEditProblems({ ...moved, dueOn: '2026-11-28' }, reason, mandate, today)).toEqual([]);
  });

  it('asks for a reason of 3 to 500 characters and lists problems in field order', () => {
    const form = { ...mandateFormOf(mandate), title: ' x ', courseIds: [], graceDays: '400', dueOn: '' };
    expect(mandateEditProblems(form, '  a  ', mandate, today)).toEqual([
      ['title', 'titleRequired'],
      ['courseIds', 'coursesRequired'],
      ['dueOn', 'dueRequired'],
      ['graceDays', 'graceInvalid'],
      ['reason', 'reasonRequired'],
    ]);
    const renamed = { ...mandateFormOf(mandate), title: 'Tên mới' };
    expect(mandateEditProblems(renamed, 'x'.repeat(501), mandate, today)).toEqual([
      ['reason', 'reasonRequired'],
    ]);
    expect(mandateEditProblems(renamed, 'x'.repeat(500), mandate, today)).toEqual([]);
  });
});
