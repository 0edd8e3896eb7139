import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordController } from './password.controller';
import { PasswordResetService } from './password-reset.service';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { SignInCodeService } from './sign-in-code.service';

@Global()
/**
 * Two throttlers: `default` guards sign-in, sign-up, password reset and one-time codes per client and route;
 * `heartbeat` guards video heartbeats per learner. Each route applies only its own (the other is skipped).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => [
        { name: 'default', ttl: 60_000, limit: config.authRateLimitPerMinute },
        { name: 'heartbeat', ttl: 60_000, limit: config.heartbeatRateLimitPerMinute },
      ],
    }),
  ],
  controllers: [AuthController, SessionsController, PasswordController],
  providers: [AuthService, SessionService, PasswordResetService, SignInCodeService],
  exports: [SessionService, AuthService, SignInCodeService, PasswordResetService],
})
export class AuthModule {}
