import { Inject, Injectable } from '@nestjs/common';
import {
  messageLanguage,
  PHONE_CODE_MAX_FAILURES,
  PHONE_CODE_MINUTES,
  phoneCodeSms,
  type PhoneCodePurpose,
  smsCapScopes,
  smsDailyLimitError,
} from '@hocvuso/domain';
import {
  countPhoneCodeFailure,
  insertOutboxSms,
  insertPhoneCode,
  lockLivePhoneCodes,
  type Queryable,
  secondsUntilSmsDayEnds,
  spendPhoneCode,
  spendUnusedPhoneCodes,
  takeSmsBudget,
} from '@hocvuso/db';
import type { JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { phoneCodeHash, randomPhoneCode, sameBytes } from './tokens';

export interface PhoneCodeTarget {
  userId: string;
  /** E.164, the number the code goes to (the account's number). */
  phone: string;
  language: string;
}

/**
 * Six-digit codes sent by SMS (docs/sms.md): issued inside the caller's transaction together with the SMS
 * outbox row and the daily-cap counters (so a refused cap queues nothing, and a rolled-back sign-up sends
 * nothing); checked under a row lock, so parallel tries of the right code let exactly one through.
 */
@Injectable()
export class PhoneCodeService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Takes one SMS from the person's, the number's and the platform's budget of the day (429 SMS_DAILY_LIMIT when
   * one is spent: the caller's transaction rolls back and nothing is queued), spends the earlier codes of the same
   * purpose, stores the new code's keyed hash and queues its SMS. Answers the code's lifetime in seconds.
   */
  async issue(
    tx: Queryable,
    to: PhoneCodeTarget,
    purpose: PhoneCodePurpose,
  ): Promise<{ expiresInSeconds: number }> {
    const full = await takeSmsBudget(
      tx,
      smsCapScopes({ userId: to.userId, phone: to.phone }, this.config.smsCaps),
    );
    if (full) throw smsDailyLimitError(await secondsUntilSmsDayEnds(tx));
    const code = randomPhoneCode();
    await spendUnusedPhoneCodes(tx, to.userId, purpose);
    const row = await insertPhoneCode(tx, {
      userId: to.userId,
      purpose,
      phone: to.phone,
      codeHash: phoneCodeHash(this.config.cookieSecret, to.userId, purpose, to.phone, code),
      validMinutes: PHONE_CODE_MINUTES,
    });
    await insertOutboxSms(tx, {
      toNumber: to.phone,
      text: phoneCodeSms(purpose, messageLanguage(to.language), code),
      dedupeKey: `phone-code:${row.id}`,
      userId: to.userId,
    });
    return { expiresInSeconds: PHONE_CODE_MINUTES * 60 };
  }

  /** After commit: the worker sends the SMS now (its one-minute sweep does if the queue is down). */
  async announce(): Promise<void> {
    await this.jobs.enqueue('send-pending-sms', {}).catch((err: unknown) => {
      this.logger.warn({ err }, 'could not enqueue the code SMS; the SMS sweep will send it');
    });
  }

  /**
   * Checks a code of the person (inside the caller's transaction, which must commit even when the code is
   * wrong, so the failure count sticks): a match spends it and answers the number it was sent to; a miss counts
   * one failure on every live code and answers undefined. Every live code is compared in constant time.
   */
  async check(
    tx: Queryable,
    userId: string,
    purpose: PhoneCodePurpose,
    code: string,
  ): Promise<{ phone: string } | undefined> {
    const live = await lockLivePhoneCodes(tx, userId, purpose, PHONE_CODE_MAX_FAILURES);
    let match: (typeof live)[number] | undefined;
    for (const c of live) {
      const same = sameBytes(
        c.code_hash,
        phoneCodeHash(this.config.cookieSecret, userId, purpose, c.phone, code),
      );
      if (same && !match) match = c;
    }
    if (!match) {
      if (live.length > 0)
        await countPhoneCodeFailure(
          tx,
          live.map((c) => c.id),
        );
      return undefined;
    }
    await spendPhoneCode(tx, match.id);
    return { phone: match.phone };
  }

  /** The same work as a check, for an unknown number: one keyed hash, so the answer takes the same time. */
  dummyCheck(code: string): void {
    sameBytes(
      phoneCodeHash(
        this.config.cookieSecret,
        '00000000-0000-0000-0000-000000000000',
        'reset',
        '+84000000000',
        code,
      ),
      Buffer.alloc(32),
    );
  }
}
