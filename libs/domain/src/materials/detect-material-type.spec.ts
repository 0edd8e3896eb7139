import { detectMaterialType, sanitiseMaterialName } from './detect-material-type';

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const PDF = '%PDF-1.4\n1 0 obj << /Type /Page >> endobj\ntrailer << >>\n%%EOF\n';

describe('detectMaterialType: the type comes from the bytes, never the name', () => {
  it('recognises a PDF, a PNG, a JPEG, a WebP and an Office document', () => {
    expect(detectMaterialType(bytes(PDF))).toBe('application/pdf');
    expect(detectMaterialType(bytes('\x89PNG\r\n\x1a\n....IEND\xaeB`\x82'))).toBe('image/png');
    expect(detectMaterialType(bytes('\xff\xd8\xff\xe0 JFIF \xff\xd9'))).toBe('image/jpeg');
    expect(detectMaterialType(bytes('RIFF\x04\x00\x00\x00WEBP'))).toBe('image/webp');
    expect(detectMaterialType(bytes('PK\x03\x04....[Content_Types].xml....word/document.xml'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it.each([
    ['', 'MATERIAL_EMPTY'],
    ['MZ\x90\x00', 'MATERIAL_EXECUTABLE'],
    ['\x7fELF\x02', 'MATERIAL_EXECUTABLE'],
    ['#!/bin/sh\nrm -rf /', 'MATERIAL_EXECUTABLE'],
    ['\xef\xbb\xbf  <!DOCTYPE html><p>hi', 'MATERIAL_MARKUP'],
    ['<svg onload="alert(1)"/>', 'MATERIAL_MARKUP'],
    ['<?xml version="1.0"?><svg/>', 'MATERIAL_MARKUP'],
    [`${PDF}PK\x03\x04zip here PK\x05\x06`, 'MATERIAL_POLYGLOT'],
    [`${PDF}<html><script>x</script>`, 'MATERIAL_POLYGLOT'],
    ['\x89PNG\r\n\x1a\n....IEND\xaeB`\x82PK\x03\x04', 'MATERIAL_POLYGLOT'],
    ['\xff\xd8\xff\xe0 JFIF \xff\xd9PK\x03\x04 PK\x05\x06', 'MATERIAL_POLYGLOT'],
    ['%PDF-1.4\n no end', 'MATERIAL_CORRUPT'],
    ['PK\x03\x04 just a zip', 'MATERIAL_TYPE_NOT_ALLOWED'],
    ['GIF89a', 'MATERIAL_TYPE_NOT_ALLOWED'],
    ['plain text notes', 'MATERIAL_TYPE_NOT_ALLOWED'],
  ])('refuses %j with %s', (content, code) => {
    expect(() => detectMaterialType(bytes(content))).toThrow(expect.objectContaining({ code }));
  });
});

describe('sanitiseMaterialName', () => {
  it('keeps a Vietnamese name in NFC and fixes the extension to the detected type', () => {
    expect(sanitiseMaterialName('Ho\u0309i đáp.pdf', 'application/pdf')).toBe('Hỏi đáp.pdf');
    expect(sanitiseMaterialName('anh.JPEG', 'image/jpeg')).toBe('anh.JPEG');
    expect(sanitiseMaterialName('so-do.jpg', 'image/png')).toBe('so-do.png');
  });

  it.each([
    '../../etc/passwd.pdf',
    '..\\boot.ini',
    'a/b.pdf',
    '.htaccess',
    '',
    'tai\u202efdp.exe',
    'a\u0000.pdf',
    'x'.repeat(201),
  ])('refuses %j', (name) => {
    expect(() => sanitiseMaterialName(name, 'application/pdf')).toThrow(
      expect.objectContaining({ code: 'MATERIAL_NAME_INVALID' }),
    );
  });
});
