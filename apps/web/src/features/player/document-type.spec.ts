import { describe, expect, it } from '@jest/globals';
import { documentTypeLabel } from './document-type';

describe('documentTypeLabel', () => {
  it('names the common types the way learners know them', () => {
    expect(documentTypeLabel('application/pdf', '/media/c/media/guide.pdf')).toBe('PDF');
    expect(documentTypeLabel('Application/PDF; charset=binary', '/x')).toBe('PDF');
    expect(
      documentTypeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document', '/a.docx'),
    ).toBe('Word');
  });

  it('falls back to the file extension, then to nothing', () => {
    expect(documentTypeLabel('application/zip', '/media/c/media/forms.zip')).toBe('ZIP');
    expect(documentTypeLabel('application/octet-stream', '/media/c/media/file')).toBeUndefined();
  });
});
