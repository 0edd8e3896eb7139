import { AdministrativeUnitEntity } from './administrative-unit.entity';
import { ConsentEntity } from './consent.entity';
import { HouseholdEntity } from './household.entity';
import { LearnerProfileEntity } from './learner-profile.entity';
import { MandateEntity } from './mandate.entity';
import { OrganisationEntity } from './organisation.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CertificateEntity } from './certificate.entity';
import { IssuerKeyEntity } from './issuer-key.entity';
import { StatusListEntity } from './status-list.entity';
import { CertificateRequestEntity } from './certificate-request.entity';
import { QuizAttemptEntity } from './quiz-attempt.entity';
import { QuizAttemptGrantEntity } from './quiz-attempt-grant.entity';
import { VideoProgressEntity } from './video-progress.entity';
import { VideoQuestionAnswerEntity } from './video-question-answer.entity';
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
import { UserEntity } from './user.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { ReminderDeliveryEntity } from './reminder-delivery.entity';
import { MailOutboxEntity } from './mail-outbox.entity';
import { PasswordResetTokenEntity } from './password-reset-token.entity';
import { OidcIdentityEntity } from './oidc-identity.entity';
import { OidcPendingLinkEntity } from './oidc-pending-link.entity';
import { OidcLoginStateEntity } from './oidc-login-state.entity';
import { SignInCodeEntity } from './sign-in-code.entity';
import { CourseStaffEntity } from './course-staff.entity';
import { CourseDraftEntity } from './course-draft.entity';
import { CourseMaterialEntity } from './course-material.entity';

export {
  AdministrativeUnitEntity,
  ConsentEntity,
  HouseholdEntity,
  LearnerProfileEntity,
  MandateEntity,
  OrganisationEntity,
  RoleGrantEntity,
  AuditLogEntity,
  CertificateEntity,
  IssuerKeyEntity,
  StatusListEntity,
  CertificateRequestEntity,
  QuizAttemptEntity,
  QuizAttemptGrantEntity,
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
  NotificationEntity,
  NotificationPreferenceEntity,
  ReminderDeliveryEntity,
  MailOutboxEntity,
  PasswordResetTokenEntity,
  OidcIdentityEntity,
  OidcPendingLinkEntity,
  OidcLoginStateEntity,
  SignInCodeEntity,
  CourseStaffEntity,
  CourseDraftEntity,
  CourseMaterialEntity,
  VideoQuestionAnswerEntity,
};
export type { FrameworkLevel } from './framework.entity';
export type { CourseModuleOutline } from './course-version.entity';

export const ENTITIES = [
  UserEntity,
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
  QuizAttemptGrantEntity,
  CertificateRequestEntity,
  XapiStatementEntity,
  IssuerKeyEntity,
  StatusListEntity,
  CertificateEntity,
  AuditLogEntity,
  AdministrativeUnitEntity,
  OrganisationEntity,
  HouseholdEntity,
  LearnerProfileEntity,
  ConsentEntity,
  RoleGrantEntity,
  MandateEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  ReminderDeliveryEntity,
  MailOutboxEntity,
  PasswordResetTokenEntity,
  OidcIdentityEntity,
  OidcPendingLinkEntity,
  OidcLoginStateEntity,
  SignInCodeEntity,
  CourseStaffEntity,
  CourseDraftEntity,
  CourseMaterialEntity,
  VideoQuestionAnswerEntity,
];
