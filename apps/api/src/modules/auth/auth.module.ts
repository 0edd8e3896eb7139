import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';

@Global()
/**
 * Two throttlers: `default` guards sign-in and sign-up per client and route; `heartbeat` guards video
 * heartbeats per learner. Each route applies only its own (the other is skipped).
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
  controllers: [AuthController],
  providers: [AuthService, SessionService],
  exports: [SessionService, AuthService],
})
export class AuthModule {}
