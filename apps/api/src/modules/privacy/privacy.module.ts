import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** The learner's data rights: export of their personal data, and deletion by de-identification. */
@Module({ imports: [CredentialsModule], controllers: [PrivacyController], providers: [PrivacyService] })
export class PrivacyModule {}
