import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { FailedCertificatesController } from './failed-certificates.controller';
import { FailedCertificatesService } from './failed-certificates.service';

@Module({
  controllers: [CredentialsController, FailedCertificatesController],
  providers: [CredentialsService, FailedCertificatesService],
  exports: [CredentialsService],
})
export class CredentialsModule {}
