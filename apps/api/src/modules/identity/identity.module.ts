import { Module } from '@nestjs/common';
import { HelperRegistrationsController } from './helper-registrations.controller';
import { HelperRegistrationsService } from './helper-registrations.service';
import { HelperSignInCodesService } from './helper-sign-in-codes.service';
import { OidcClientService } from './oidc-client.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

/** Sign-in through OpenID Providers (VNeID and others) with account linking, assisted registration, and sign-in codes handed over again. */
@Module({
  controllers: [OidcController, HelperRegistrationsController],
  providers: [OidcClientService, OidcService, HelperRegistrationsService, HelperSignInCodesService],
})
export class IdentityModule {}
