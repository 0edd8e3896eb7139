import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { AuthController } from './auth.controller';
import { addressTracker, deviceTracker } from './auth-throttle';
import { AuthService } from './auth.service';
import { PasswordController } from './password.controller';
import { PasswordResetService } from './password-reset.service';
import { PhoneCodeService } from './phone-code.service';
import { PhoneVerificationController } from './phone-verification.controller';
import { PhoneVerificationService } from './phone-verification.service';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { SignInCodeService } from './sign-in-code.service';
import { OrderedThrottlerStorage } from './throttler-storage';

@Global()
/**
 * Two throttlers. `default` guards sign-in, sign-up, password reset and one-time codes per device (address and
 * browser) and route; `address` caps the same routes per address, loosely, for all the devices behind it (a
 * training room shares one Wi-Fi). Video heartbeats count per learner in the same storage (heartbeat-ingest.ts);
 * the assistant has its own (assistant-throttler.guard.ts). The storage answers as the library's own, at a constant
 * cost per hit (throttler-storage.ts).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.authRateLimitPerMinute, getTracker: deviceTracker },
          {
            name: 'address',
            ttl: 60_000,
            limit: config.authAddressRateLimitPerMinute,
            getTracker: addressTracker,
          },
        ],
        storage: new OrderedThrottlerStorage(),
      }),
    }),
  ],
  controllers: [AuthController, SessionsController, PasswordController, PhoneVerificationController],
  providers: [
    AuthService,
    SessionService,
    PasswordResetService,
    SignInCodeService,
    PhoneCodeService,
    PhoneVerificationService,
  ],
  exports: [SessionService, AuthService, SignInCodeService, PasswordResetService, PhoneCodeService],
})
export class AuthModule {}
