import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { privacySectionProviders } from './privacy-sections';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/**
 * The learner's data rights: export of their personal data, and deletion by de-identification, assembled from the
 * privacy sections each context contributes (privacy-sections.ts).
 */
@Module({
  imports: [CredentialsModule],
  controllers: [PrivacyController],
  providers: [PrivacyService, ...privacySectionProviders],
})
export class PrivacyModule {}
