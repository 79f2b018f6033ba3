import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher, NotificationStore } from '../../../../libs/persistence/src';
import { ContactController, InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app inbox every signed-in user has, and their contact address for email notifications. */
@Module({
  controllers: [InboxController, ContactController],
  providers: [
    InboxService,
    {
      provide: NotificationStore,
      inject: [DataSource, FieldCipher],
      useFactory: (db: DataSource, cipher: FieldCipher) => new NotificationStore(db, cipher),
    },
  ],
})
export class InboxModule {}
