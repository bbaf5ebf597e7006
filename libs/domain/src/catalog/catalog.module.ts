import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Program, ProgramModule } from './program.entity';
import { Section, Session, SessionSpeaker } from './session.entity';
import { Speaker } from './speaker.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Program, ProgramModule, Session, SessionSpeaker, Section, Speaker])],
  providers: [],
  exports: [TypeOrmModule],
})
export class CatalogModule {}
