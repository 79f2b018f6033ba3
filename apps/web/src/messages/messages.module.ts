import { Module } from '@nestjs/common';
import { MessagesController } from './messages.controller';

/** Applicants' and sponsors' messages. */
@Module({ controllers: [MessagesController] })
export class MessagesModule {}
