// The official 1EdTech OB 3.0 AchievementCredential JSON Schema (draft 2019-09; the fixture and its source are in
// libs/credentials/test/fixtures), compiled with ajv, to check credentials the api really issued.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

const schema = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../libs/credentials/test/fixtures/ob_v3p0_achievementcredential_schema.json'),
    'utf8',
  ),
) as object;
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about a credential, as `path: message` lines; empty when it conforms. */
export function obSchemaErrors(credential: unknown): string[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
