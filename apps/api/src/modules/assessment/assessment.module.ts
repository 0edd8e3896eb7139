import { Module } from '@nestjs/common';
import { LearningModule } from '../learning/learning.module';
import { QuizController } from './quiz.controller';
import { QuizService } from './quiz.service';

@Module({ imports: [LearningModule], controllers: [QuizController], providers: [QuizService] })
export class AssessmentModule {}
