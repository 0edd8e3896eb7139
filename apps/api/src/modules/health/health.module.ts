import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { IssuerIdentityCheck } from './issuer-identity.check';

@Module({ controllers: [HealthController], providers: [IssuerIdentityCheck] })
export class HealthModule {}
