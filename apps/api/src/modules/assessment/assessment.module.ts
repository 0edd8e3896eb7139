import { Module } from '@nestjs/common';
import { LearningModule } from '../learning/learning.module';
import { QuizGrantsController } from './quiz-grants.controller';
import { QuizGrantsService } from './quiz-grants.service';
import { QuizController } from './quiz.controller';
import { QuizService } from './quiz.service';

@Module({
  imports: [LearningModule],
  controllers: [QuizController, QuizGrantsController],
  providers: [QuizService, QuizGrantsService],
  exports: [QuizService],
})
export class AssessmentModule {}
