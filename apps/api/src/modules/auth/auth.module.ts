import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';

@Global()
/** The throttler counts per client and per route; it guards only the sign-in and sign-up routes. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => [{ name: 'default', ttl: 60_000, limit: config.authRateLimitPerMinute }],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SessionService],
  exports: [SessionService, AuthService],
})
export class AuthModule {}
