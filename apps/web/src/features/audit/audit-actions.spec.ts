import { describe, expect, it } from '@jest/globals';
import en from '../../i18n/sections/admin.en.json';
import vi from '../../i18n/sections/admin.vi.json';
import { auditActionKey, auditValue, KNOWN_AUDIT_ACTIONS } from './audit-actions';

describe('audit log helpers', () => {
  it('finds the label key of a known action and none for an unknown one', () => {
    expect(auditActionKey('role.grant')).toBe('role_grant');
    expect(auditActionKey('course.learners.export')).toBe('course_learners_export');
    expect(auditActionKey('something.new')).toBeUndefined();
  });

  it('has a label in both languages for every known action', () => {
    for (const action of KNOWN_AUDIT_ACTIONS) {
      expect((vi.admin.audit.actions as Record<string, string>)[action]).toBeTruthy();
      expect((en.admin.audit.actions as Record<string, string>)[action]).toBeTruthy();
    }
  });

  it('shows before/after as JSON with sorted keys, and nothing for empty values', () => {
    expect(auditValue(null)).toBeNull();
    expect(auditValue(undefined)).toBeNull();
    expect(auditValue({ role: 'teacher', after: [{ z: 1, a: 2 }] })).toBe(
      '{\n  "after": [\n    {\n      "a": 2,\n      "z": 1\n    }\n  ],\n  "role": "teacher"\n}',
    );
  });
});
