import { CreateInitialSchema1795862400457 } from './1795862400457-CreateInitialSchema';
import { AddLearningRecords1795863220677 } from './1795863220677-AddLearningRecords';
import { AddCertificates1795863993582 } from './1795863993582-AddCertificates';
import { AddDirectoryAndAccess1795865093328 } from './1795865093328-AddDirectoryAndAccess';
import { AddNotifications1795865290380 } from './1795865290380-AddNotifications';
import { AddIdentityUpgrades1795866681316 } from './1795866681316-AddIdentityUpgrades';
import { AddCourseStudio1795870874010 } from './1795870874010-AddCourseStudio';
import { AddOrganisationSearch1795880118181 } from './1795880118181-AddOrganisationSearch';
import { AddRosterInvitations1796437351102 } from './1796437351102-AddRosterInvitations';
import { AddCertificateRequestFailures1796437533952 } from './1796437533952-AddCertificateRequestFailures';
import { AddOneLessonAtATimeCrediting1796437547691 } from './1796437547691-AddOneLessonAtATimeCrediting';
import { AddQuizAttemptGrants1796438042890 } from './1796438042890-AddQuizAttemptGrants';
import { AddQuizAttemptGrantIdempotency1796439560424 } from './1796439560424-AddQuizAttemptGrantIdempotency';
import { AddCoverageFacts1796458738574 } from './1796458738574-AddCoverageFacts';
import { AddOrganisationParents1796459337621 } from './1796459337621-AddOrganisationParents';
import { AddMandateChangesAndSmsOutbox1796459855201 } from './1796459855201-AddMandateChangesAndSmsOutbox';
import { AddCoveragePlans1796462688906 } from './1796462688906-AddCoveragePlans';
import { AddCoverageReports1796463812085 } from './1796463812085-AddCoverageReports';
import { AddPopulations1796464707979 } from './1796464707979-AddPopulations';
import { AddLearnerSearch1796464978177 } from './1796464978177-AddLearnerSearch';
import { AddUniversalisation1796465092278 } from './1796465092278-AddUniversalisation';
import { AddCoverageRollups1796465186413 } from './1796465186413-AddCoverageRollups';
import { AddCoverageDrift1796469400000 } from './1796469400000-AddCoverageDrift';
import { AddCoverageTotals1796469865777 } from './1796469865777-AddCoverageTotals';
import { AddCoverageTotalsDrift1796471905988 } from './1796471905988-AddCoverageTotalsDrift';
import { AddStableLessonIds1796472600000 } from './1796472600000-AddStableLessonIds';
import { AddCourseReviews1796474000000 } from './1796474000000-AddCourseReviews';
import { AddCourseMaterials1796476000000 } from './1796476000000-AddCourseMaterials';
import { AddCommunitySessionsAndHelpLogs1796479321453 } from './1796479321453-AddCommunitySessionsAndHelpLogs';
import { AddEnrolmentVersions1796484319896 } from './1796484319896-AddEnrolmentVersions';
import { AddVideoQuestionAnswers1796484767319 } from './1796484767319-AddVideoQuestionAnswers';
import { AddAmbassadorsAndHouseholds1796485000000 } from './1796485000000-AddAmbassadorsAndHouseholds';
import { AddCourseVideos1796485342660 } from './1796485342660-AddCourseVideos';
import { AddCampaigns1796486000000 } from './1796486000000-AddCampaigns';
import { AddCourseReviewReason1796491553472 } from './1796491553472-AddCourseReviewReason';
import { AddAssistantPassages1796500000000 } from './1796500000000-AddAssistantPassages';
import { AddPlacement1796501000000 } from './1796501000000-AddPlacement';
import { AddOfflineSync1796510000000 } from './1796510000000-AddOfflineSync';
import { AddPhoneVerification1796550000000 } from './1796550000000-AddPhoneVerification';
import { AddOfflineWatchEvents1796600000000 } from './1796600000000-AddOfflineWatchEvents';
import { AddLessonNarrations1796650000000 } from './1796650000000-AddLessonNarrations';
import { AddOfflineVideoAnswerEvents1796700000000 } from './1796700000000-AddOfflineVideoAnswerEvents';

/**
 * Every migration, in order. An explicit list (not a glob) works the same from TypeScript, in the bundle and
 * in tests. After `npm run migration:generate -- <Name>`, add the new class here. Never edit a migration
 * that has landed on main.
 */
export const MIGRATIONS: Array<new () => unknown> = [
  CreateInitialSchema1795862400457,
  AddLearningRecords1795863220677,
  AddCertificates1795863993582,
  AddDirectoryAndAccess1795865093328,
  AddNotifications1795865290380,
  AddIdentityUpgrades1795866681316,
  AddCourseStudio1795870874010,
  AddOrganisationSearch1795880118181,
  AddRosterInvitations1796437351102,
  AddCertificateRequestFailures1796437533952,
  AddOneLessonAtATimeCrediting1796437547691,
  AddQuizAttemptGrants1796438042890,
  AddQuizAttemptGrantIdempotency1796439560424,
  AddCoverageFacts1796458738574,
  AddOrganisationParents1796459337621,
  AddMandateChangesAndSmsOutbox1796459855201,
  AddCoveragePlans1796462688906,
  AddCoverageReports1796463812085,
  AddPopulations1796464707979,
  AddLearnerSearch1796464978177,
  AddUniversalisation1796465092278,
  AddCoverageRollups1796465186413,
  AddCoverageDrift1796469400000,
  AddCoverageTotals1796469865777,
  AddCoverageTotalsDrift1796471905988,
  AddStableLessonIds1796472600000,
  AddCourseReviews1796474000000,
  AddCourseMaterials1796476000000,
  AddCommunitySessionsAndHelpLogs1796479321453,
  AddEnrolmentVersions1796484319896,
  AddVideoQuestionAnswers1796484767319,
  AddAmbassadorsAndHouseholds1796485000000,
  AddCourseVideos1796485342660,
  AddCampaigns1796486000000,
  AddCourseReviewReason1796491553472,
  AddAssistantPassages1796500000000,
  AddPlacement1796501000000,
  AddOfflineSync1796510000000,
  AddPhoneVerification1796550000000,
  AddOfflineWatchEvents1796600000000,
  AddLessonNarrations1796650000000,
  AddOfflineVideoAnswerEvents1796700000000,
];
