import { Global, Module } from '@nestjs/common';
import { ReadCacheService } from './read-cache.service';

/** The versioned read caches (see ReadCacheService), one per api process. */
@Global()
@Module({ providers: [ReadCacheService], exports: [ReadCacheService] })
export class ReadCacheModule {}
