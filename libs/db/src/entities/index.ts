import { AuditLogEntity } from './audit-log.entity';
import { CertificateEntity } from './certificate.entity';
import { IssuerKeyEntity } from './issuer-key.entity';
import { StatusListEntity } from './status-list.entity';
import { CertificateRequestEntity } from './certificate-request.entity';
import { QuizAttemptEntity } from './quiz-attempt.entity';
import { VideoProgressEntity } from './video-progress.entity';
import { XapiStatementEntity } from './xapi-statement.entity';
import { CompetencyMappingEntity } from './competency-mapping.entity';
import { CourseVersionCompetencyEntity } from './course-version-competency.entity';
import { CourseVersionLessonEntity } from './course-version-lesson.entity';
import { CourseVersionEntity } from './course-version.entity';
import { CourseEntity } from './course.entity';
import { EnrolmentEntity } from './enrolment.entity';
import { FrameworkCompetencyEntity } from './framework-competency.entity';
import { FrameworkDomainEntity } from './framework-domain.entity';
import { FrameworkEntity } from './framework.entity';
import { LessonProgressEntity } from './lesson-progress.entity';
import { LessonRevisionEntity } from './lesson-revision.entity';
import { QuestionBankEntity } from './question-bank.entity';
import { SessionEntity } from './session.entity';
import { SystemFlagEntity } from './system-flag.entity';
import { TargetGroupEntity } from './target-group.entity';
import { UserRoleEntity } from './user-role.entity';
import { UserEntity } from './user.entity';

export {
  AuditLogEntity,
  CertificateEntity,
  IssuerKeyEntity,
  StatusListEntity,
  CertificateRequestEntity,
  QuizAttemptEntity,
  VideoProgressEntity,
  XapiStatementEntity,
  CompetencyMappingEntity,
  CourseEntity,
  CourseVersionCompetencyEntity,
  CourseVersionEntity,
  CourseVersionLessonEntity,
  EnrolmentEntity,
  FrameworkCompetencyEntity,
  FrameworkDomainEntity,
  FrameworkEntity,
  LessonProgressEntity,
  LessonRevisionEntity,
  QuestionBankEntity,
  SessionEntity,
  SystemFlagEntity,
  TargetGroupEntity,
  UserEntity,
  UserRoleEntity,
};
export type { FrameworkLevel } from './framework.entity';
export type { CourseModuleOutline } from './course-version.entity';

export const ENTITIES = [
  UserEntity,
  UserRoleEntity,
  SessionEntity,
  TargetGroupEntity,
  FrameworkEntity,
  FrameworkDomainEntity,
  FrameworkCompetencyEntity,
  CompetencyMappingEntity,
  CourseEntity,
  CourseVersionEntity,
  CourseVersionCompetencyEntity,
  LessonRevisionEntity,
  CourseVersionLessonEntity,
  QuestionBankEntity,
  EnrolmentEntity,
  LessonProgressEntity,
  SystemFlagEntity,
  VideoProgressEntity,
  QuizAttemptEntity,
  CertificateRequestEntity,
  XapiStatementEntity,
  IssuerKeyEntity,
  StatusListEntity,
  CertificateEntity,
  AuditLogEntity,
];
