import { CreateInitialSchema1795862400457 } from './1795862400457-CreateInitialSchema';
import { AddLearningRecords1795863220677 } from './1795863220677-AddLearningRecords';
import { AddCertificates1795863993582 } from './1795863993582-AddCertificates';

/**
 * Every migration, in order. An explicit list (not a glob) works the same from TypeScript, in the bundle and
 * in tests. After `npm run migration:generate -- <Name>`, add the new class here. Never edit a migration
 * that has landed on main.
 */
export const MIGRATIONS: Array<new () => unknown> = [CreateInitialSchema1795862400457, AddLearningRecords1795863220677, AddCertificates1795863993582];
